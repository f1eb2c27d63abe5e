"""gongkai backup [目录]: the database and every file store, with a manifest of checksums (gongkai.backup)."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库和全部上传文件（含申请人附件 var/private/cases），附校验清单 manifest.json。"

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", default="backup", help="备份存放目录（不存在时自动创建），默认 ./backup")

    def handle(self, *args, target, **options):
        try:
            folder = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        import json

        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        files = sum(len(s["files"]) for s in manifest["stores"].values())
        rows = sum(manifest["database"]["rows"].values())
        self.stdout.write(f"备份完成：{folder}")
        self.stdout.write(f"  数据库（{manifest['database']['vendor']}）：{rows} 行")
        for key, store in manifest["stores"].items():
            self.stdout.write(f"  文件 {key}：{len(store['files'])} 个（{store['path']}）")
        self.stdout.write(f"  共 {files} 个文件；恢复：gongkai restore {folder}")
