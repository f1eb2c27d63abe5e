from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .permissions import Perm, agencies_for


@login_required
def staff_home(request):
    user = request.user
    if not user.is_staff_member:
        return render(request, "agencies/not_staff.html", status=403)
    context = {
        "agency": user.agency,
        "roles": user.role_labels(),
        "supervised": agencies_for(user, Perm.REPORT_SUPERVISE).exclude(pk=user.agency_id)
        if user.agency_id
        else [],
    }
    return render(request, "agencies/staff_home.html", context)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "403.html", {"message": str(exception) if exception else ""}, status=403)
