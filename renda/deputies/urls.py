from django.urls import path

from .views import edit, export, imports, registry, setup, stations

app_name = "deputies"
urlpatterns = [
    path("", registry.deputy_list, name="list"),
    path("export.xlsx", export.export_xlsx, name="export"),
    path("stats/", registry.statistics, name="stats"),
    path("roster/", registry.roster_on_date, name="roster"),
    path("new/", edit.person_new, name="person_new"),
    path("people/<int:pk>/", registry.person_detail, name="person"),
    path("people/<int:pk>/edit/", edit.person_edit, name="person_edit"),
    path("people/<int:pk>/seat/", edit.mandate_add, name="mandate_add"),
    path("mandates/<int:pk>/edit/", edit.mandate_edit, name="mandate_edit"),
    path("mandates/<int:pk>/change/", edit.mandate_change, name="mandate_change"),
    path("import/", imports.upload, name="import"),
    path("import/template.xlsx", imports.template, name="import_template"),
    path("import/<int:pk>/", imports.report, name="import_report"),
    path("import/<int:pk>/confirm/", imports.confirm, name="import_confirm"),
    path("import/<int:pk>/errors.xlsx", imports.errors_xlsx, name="import_errors"),
    path("setup/", setup.setup_index, name="setup"),
    path("setup/<int:pk>/", setup.setup_body, name="setup_body"),
    path("stations/", stations.station_list, name="stations"),
    path("stations/new/", stations.station_form, name="station_new"),
    path("stations/<int:pk>/", stations.station_detail, name="station"),
    path("stations/<int:pk>/edit/", stations.station_form, name="station_edit"),
]
