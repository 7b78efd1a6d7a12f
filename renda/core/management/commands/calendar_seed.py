from django.core.management.base import BaseCommand

from renda.core import calendar_seed, services


class Command(BaseCommand):
    help = "Load every year chinesecalendar knows into the holiday table (replacing those years)."

    def handle(self, *args, **options):
        years = calendar_seed.known_years()
        for year in years:
            services.set_calendar_year(
                year, calendar_seed.chinesecalendar_days(year), source=calendar_seed.source_for(year), by=None
            )
        self.stdout.write(self.style.SUCCESS(f"已导入 {years.start}–{years.stop - 1} 年节假日安排。"))
