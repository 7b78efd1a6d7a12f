"""Demo step: train the router on the demo county's history, plus the shared board data when present.

Without the shared data the demo's own generated messages (contact's demo step runs first) are the
training set, so the suggestion panel works either way.
"""

from renda.core.demo import DemoCounty, register


@register(90, "智能分办模型")
def train_router(county: DemoCounty) -> None:
    from .services import retrain

    retrain(force=True, note="demo")
