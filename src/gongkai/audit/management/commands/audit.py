"""gongkai audit verify: check the hash chain of the whole audit log."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.services import verify_chain


class Command(BaseCommand):
    help = "审计日志：verify 校验全部记录的哈希链（发现被修改或删除的记录）。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify：校验哈希链")

    def handle(self, *args, action, **options):
        checked, broken, reason = verify_chain()
        if broken is not None:
            raise CommandError(
                f"审计日志校验未通过：第 {broken.pk} 条记录（{broken.at:%Y-%m-%d %H:%M:%S} {broken.action}）{reason}。"
                f"此前 {checked} 条完好。"
            )
        self.stdout.write(f"审计日志完整：{checked} 条记录，哈希链校验通过。")
