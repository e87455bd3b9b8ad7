from django.urls import path

from ansinh.portal.views import account, activation, citizen, employer, inbox

app_name = "portal"
urlpatterns = [
    path("", citizen.home, name="home"),
    path("activate/", activation.start, name="activate"),
    path("activate/code/", activation.enter_code, name="activate_code"),
    path("account/", account.settings_page, name="account"),
    path("account/phone/", account.confirm_phone, name="account_phone"),
    path("account/password/", account.change_password, name="password"),
    path("reset/", account.reset_start, name="reset"),
    path("reset/code/", account.reset_code, name="reset_code"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:pk>/", inbox.open_message, name="inbox_open"),
    path("inbox/read/", inbox.mark_all_read, name="inbox_read_all"),
    path("household/", citizen.household, name="household"),
    path("payments/", citizen.participant_payments, name="payments"),
    path("history/", citizen.si_history, name="history"),
    path("card/", citizen.hi_card, name="card"),
    path("card/qr/", citizen.card_qr, name="card_qr"),
    path("card/qr/worker.js", citizen.card_qr_worker, name="card_qr_worker"),
    path("benefits/", citizen.benefits, name="benefits"),
    path("dossiers/", citizen.dossiers, name="dossiers"),
    path("statement/<str:si_number>.pdf", citizen.si_statement, name="statement"),
    path("employer/", employer.employer_home, name="employer"),
]
