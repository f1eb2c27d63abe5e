"""Agency.path segments zero-padded (agencies.models.path_segment): the tree's order is creation order."""

from django.db import migrations


def pad(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    for agency in Agency.objects.all().only("pk", "path"):
        padded = "/" + "".join(f"{int(p):010d}/" for p in agency.path.strip("/").split("/") if p)
        if agency.path and padded != agency.path:
            Agency.objects.filter(pk=agency.pk).update(path=padded)


def unpad(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    for agency in Agency.objects.all().only("pk", "path"):
        plain = "/" + "".join(f"{int(p)}/" for p in agency.path.strip("/").split("/") if p)
        if agency.path and plain != agency.path:
            Agency.objects.filter(pk=agency.pk).update(path=plain)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_alter_agency_created_at_alter_agency_path_and_more")]
    operations = [migrations.RunPython(pad, unpad)]
