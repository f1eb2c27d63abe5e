from django.shortcuts import render

from gongkai.agencies.models import Agency


def home(request):
    agencies = Agency.objects.filter(is_active=True).order_by("path")
    return render(request, "portal/home.html", {"agencies": agencies})
