"""Agency.path segments zero-padded (agencies.models.path_segment): the tree's order is creation order."""

from django.db import migrations


def _rewrite(apps, segment: str) -> None:
    """Every agency's path with each id written as `segment` formats it."""
    Agency = apps.get_model("agencies", "Agency")
    for agency in Agency.objects.all().only("pk", "path"):
        path = "/" + "".join(f"{int(p):{segment}}/" for p in agency.path.strip("/").split("/") if p)
        if agency.path and path != agency.path:
            Agency.objects.filter(pk=agency.pk).update(path=path)


def pad(apps, schema_editor):
    _rewrite(apps, "010d")


def unpad(apps, schema_editor):
    _rewrite(apps, "d")


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_alter_agency_created_at_alter_agency_path_and_more")]
    operations = [migrations.RunPython(pad, unpad)]
