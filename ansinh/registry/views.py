"""Staff pages: find a person and read their record (every read is audited), employer units."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from ansinh.core import audit
from ansinh.core.roles import STAFF_ROLES
from ansinh.registry import services
from ansinh.registry.models import Employer, Person


def _require_staff(request):
    if not request.user.has_role(*STAFF_ROLES):
        raise PermissionDenied


@login_required
def people(request):
    _require_staff(request)
    query = request.GET.get("q", "")
    return render(request, "registry/people.html", {"query": query, "results": services.search_people(query)})


@login_required
def person_detail(request, pk: int):
    _require_staff(request)
    person = get_object_or_404(Person.objects.select_related("commune__area", "household"), pk=pk)
    audit.record_read(request, person, f"person record {person.masked_cccd}")
    spells = person.spells.select_related("employer").order_by("-start")
    return render(request, "registry/person_detail.html", {"person": person, "spells": spells})


@login_required
def employers(request):
    _require_staff(request)
    query = request.GET.get("q", "").strip()
    units = Employer.objects.select_related("area").order_by("unit_code")
    if query:
        units = units.filter(name__icontains=query) | units.filter(unit_code__iexact=query) | units.filter(tax_code=query)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(request, "registry/employers.html", {"query": query, "page": page})
