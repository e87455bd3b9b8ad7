"""Staff pages: find a person and read their record (every read is audited), employer units."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from ansinh.core import audit, nav
from ansinh.registry import services
from ansinh.registry.models import Employer, Person


@nav.guard("registry:people")
def people(request):
    query = request.GET.get("q", "")
    results = list(services.search_people(query))
    if results:
        audit.record_list_read(request, results, "registry.person", "person search")
    return render(request, "registry/people.html", {"query": query, "results": results})


@nav.guard("registry:people")
def person_detail(request, pk: int):
    person = get_object_or_404(Person.objects.select_related("commune__area", "household"), pk=pk)
    audit.record_read(request, person, f"person record {person.masked_cccd}")
    spells = person.spells.select_related("employer").order_by("-start")
    return render(request, "registry/person_detail.html", {"person": person, "spells": spells})


@nav.guard("registry:employers")
def employers(request):
    query = request.GET.get("q", "").strip()
    units = Employer.objects.select_related("area").order_by("unit_code")
    if query:
        units = (
            units.filter(name__icontains=query) | units.filter(unit_code__iexact=query) | units.filter(tax_code=query)
        )
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(request, "registry/employers.html", {"query": query, "page": page})
