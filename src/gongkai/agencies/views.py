from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from . import queues, services
from .forms import AgencyForm
from .models import Agency
from .permissions import Perm, agencies_for, get_object, has_perm, require_perm


@login_required
def staff_home(request):
    user = request.user
    if not user.is_staff_member:
        return render(request, "agencies/not_staff.html", status=403)
    waiting = queues.waiting_for(user)
    queues.remember_nav_total(user, waiting)  # the badge shows what this page counted
    context = {
        "agency": user.agency,
        "roles": user.role_labels(),
        "todo": queues.grouped(waiting),
        "todo_count": sum(w.count for w in waiting if w.queue.urgent),
        "supervised": agencies_for(user, Perm.REPORT_SUPERVISE).exclude(pk=user.agency_id)
        if user.agency_id
        else [],
    }
    return render(request, "agencies/staff_home.html", context)


@require_safe
@require_perm(Perm.AGENCY_READ)
def agency_list(request):
    agencies = agencies_for(request.user, Perm.AGENCY_READ).select_related("parent").order_by("path")
    return render(request, "agencies/agency_list.html", {"agencies": agencies})


@require_safe
@require_perm(Perm.AGENCY_READ)
def agency_detail(request, slug):
    agency = get_object(request, Perm.AGENCY_READ, Agency.objects.select_related("parent"), slug=slug)
    can_manage = has_perm(request.user, Perm.AGENCY_MANAGE, agency)
    staff = agency.staff.filter(is_active=True).prefetch_related("role_assignments") if can_manage else None
    return render(
        request, "agencies/agency_detail.html", {"agency": agency, "can_manage": can_manage, "staff": staff}
    )


@require_perm(Perm.AGENCY_MANAGE)
def agency_edit(request, slug):
    agency = get_object(request, Perm.AGENCY_MANAGE, Agency.objects.all(), slug=slug)
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.fields}
        services.update_agency(agency, changes, acting_user=request.user, request=request)
        messages.success(request, "机关信息已保存。")
        return redirect("agencies:detail", slug=agency.slug)
    return render(request, "agencies/agency_form.html", {"agency": agency, "form": form})


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        context["cooloff_minutes"] = round(settings.AXES_COOLOFF_TIME * 60)
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        services.change_password(
            form.user, form.cleaned_data["new_password1"], acting_user=self.request.user, request=self.request
        )
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "密码已修改。")
        return redirect(self.get_success_url())


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "403.html", {"message": str(exception) if exception else ""}, status=403)
