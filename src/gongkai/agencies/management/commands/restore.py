"""gongkai restore 备份目录: verify the manifest, then restore the database and every file store."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = "从 gongkai backup 生成的目录恢复数据库和全部文件；先校验，校验不通过则不做任何改动。"

    def add_arguments(self, parser):
        parser.add_argument("folder", help="gongkai backup 生成的备份目录（含 manifest.json）")
        parser.add_argument("--yes", action="store_true", help="不再询问，直接恢复（覆盖当前数据）")
        parser.add_argument("--verify-only", action="store_true", help="只校验备份，不恢复")

    def handle(self, *args, folder, yes, verify_only, **options):
        try:
            manifest = verify(folder)
            files = sum(len(s["files"]) for s in manifest["stores"].values())
            self.stdout.write(f"备份校验通过：{manifest['created_at']} 的备份，{files} 个文件。")
            if verify_only:
                return
            if not yes:
                answer = input("恢复将覆盖当前数据库和全部上传文件（当前文件另存为 *.before-restore-*）。输入 yes 继续：")
                if answer.strip().lower() != "yes":
                    raise CommandError("已取消，未做任何改动。")
            report = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"恢复完成：数据库 {report.rows} 行，文件 {report.files} 个，均已校验。")
        for kept in report.kept:
            self.stdout.write(f"  恢复前的文件保留在 {kept}（确认无误后可删除）")
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
