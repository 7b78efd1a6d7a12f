"""Work-area screens at /work/supervision/."""

from django.urls import path

from .views import appraisal, budget, hearing, opinions, other, plan

app_name = "supervision"
urlpatterns = [
    path("", plan.overview, name="overview"),
    path("plans/", plan.plans, name="plans"),
    path("plans/new/", plan.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plan.plan, name="plan"),
    path("plans/<int:pk>/publish/", plan.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/items/", plan.item_add, name="item_add"),
    path("items/<int:pk>/", plan.item, name="item"),
    path("items/<int:pk>/do/<slug:action>/", plan.item_do, name="item_do"),
    path("policy/", plan.policy_page, name="policy"),
    path("opinions/", opinions.opinions, name="opinions"),
    path("opinions/<int:pk>/", opinions.opinion, name="opinion"),
    path("opinions/<int:pk>/do/<slug:action>/", opinions.opinion_do, name="opinion_do"),
    path("followups/", opinions.followups, name="followups"),
    path("followups/<int:pk>/", opinions.followup, name="followup"),
    path("followups/<int:pk>/do/<slug:action>/", opinions.followup_do, name="followup_do"),
    path("budget/warnings/", budget.warnings, name="warnings"),
    path("budget/warnings/<int:pk>/", budget.warning, name="warning"),
    path("budget/warnings/<int:pk>/do/<slug:action>/", budget.warning_do, name="warning_do"),
    path("budget/run/", budget.run, name="budget_run"),
    path("budget/import/", budget.import_page, name="budget_import"),
    path("budget/template.csv", budget.template_download, name="budget_template"),
    path("budget/rules/", budget.rules, name="rules"),
    path("budget/", budget.drill, name="drill"),
    path("appraisals/", appraisal.appraisals, name="appraisals"),
    path("appraisals/<int:pk>/", appraisal.appraisal, name="appraisal"),
    path("appraisals/<int:pk>/do/<slug:action>/", appraisal.appraisal_do, name="appraisal_do"),
    path("appraisees/<int:pk>/", appraisal.appraisee_scores, name="appraisee"),
    path("hearings/", hearing.hearings, name="hearings"),
    path("hearings/<int:pk>/", hearing.hearing, name="hearing"),
    path("hearings/<int:pk>/screen/", hearing.screen, name="screen"),
    path("hearings/<int:pk>/do/<slug:action>/", hearing.hearing_do, name="hearing_do"),
    path("inspections/", other.inspections, name="inspections"),
    path("projects/", other.projects, name="projects"),
    path("projects/do/<slug:action>/", other.projects_do, name="projects_do"),
    path("projects/<int:pk>/do/<slug:action>/", other.project_do, name="project_do"),
    path("filings/", other.filings, name="filings"),
    path("filings/<int:pk>/do/<slug:action>/", other.filing_do, name="filing_do"),
    path("cases/", other.cases, name="cases"),
    path("matters/", other.matters, name="matters"),
]
