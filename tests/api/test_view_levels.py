"""The view's two levels as the page receives them: /view/overview and /view/plan."""
from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import HOSTILE_DOC, LABELS


def test_overview_lists_plans_by_title_with_their_areas(api_client: TestClient, hostile: dict[str, str]) -> None:
    r = api_client.get("/view/overview")
    assert r.status_code == 200
    data = r.json()
    plans = {p["id"]: p["title"] for p in data["plans"]}
    assert plans[HOSTILE_DOC] == LABELS["plan"] and len(plans) == 2
    by_id = {n["id"]: n for n in data["nodes"]}
    plan = by_id["plan:" + HOSTILE_DOC]
    assert plan["kind"] == "Plan" and plan["full"] == LABELS["plan"]
    assert "2 mål" in plan["counts"] and "2 aktiviteter" in plan["counts"]
    area = by_id[hostile["area"]]
    assert area["col"] == plan["col"] and area["order"] > plan["order"] and area["name"] == "Fokusområde"
    assert {"from": plan["id"], "to": area["id"], "title": "fokusområde"} in data["edges"]
    # only plans, their focus areas, "more" nodes and shared reference nodes: a small picture
    assert {n["kind"] for n in data["nodes"]} <= {"Plan", "FocusArea", "More", "NationalFocusArea", "DataSource",
                                                  "ResponsibleBody"}
    assert len(data["nodes"]) < 100


def test_one_plan_is_its_chain_in_columns(api_client: TestClient, hostile: dict[str, str]) -> None:
    data = api_client.get("/view/plan", params={"plan": "zz_"}).json()
    assert data["plan"]["id"] == HOSTILE_DOC
    col = {n["id"]: n["col"] for n in data["nodes"]}
    # fokusområde, mål, aktivitet, ansvarig, indikator, datakälla: left to right
    order = [hostile[k] for k in ("area", "goal", "activity", "body", "indicator", "source")]
    assert [col[k] for k in order] == sorted(col[k] for k in order) and len({col[k] for k in order}) == 6
    assert data["columns"][:2] == ["Fokusområden", "Mål"]
    goal = next(n for n in data["nodes"] if n["id"] == hostile["goal"])
    assert goal["full"] == LABELS["goal"] and goal["source"]["quote"] == LABELS["goal"]
    assert len(goal["label"]) <= 90
    names = [k["name"] for k in data["legend"]]
    assert "Mål" in names and "Aktivitet" in names and "Goal" not in names
    assert {"from": hostile["activity"], "to": hostile["goal"], "title": "servesGoal"} in data["edges"]


def test_unknown_plan_is_404(api_client: TestClient) -> None:
    r = api_client.get("/view/plan", params={"plan": "no-such-plan"})
    assert r.status_code == 404 and "no plan" in r.json()["detail"]
    assert api_client.get("/view/plan").status_code == 422
