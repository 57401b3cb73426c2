"""The HTML pages as each role meets them: a page outside one's role is an HTML page that says
so (the API keeps answering JSON); QA's page lists kept eval runs and recent rated answers."""

import pytest

from copilot.evals.reports.kept_runs import keep
from copilot.evals.results import CaseResult, Metrics, Observation, RunReport, SuiteResult


def synthetic_run(started_at: str, passed: bool) -> RunReport:
    case = CaseResult(
        id="qa-page-case", suite="tiny", area="pricing", expect="answer", passed=passed,
        reasons=[] if passed else ["missing fact 1/1: none of '$1'"],
        observation=Observation(answer="A synthetic answer.", redacted_question="a question"),
    )
    metrics = Metrics(cases=1, passed=int(passed))
    suite = SuiteResult(name="tiny", thresholds={"max_phi_echo": 0}, metrics=metrics,
                        cases=[case])
    return RunReport(started_at=started_at, drafter="grounded", seconds=1.0, metrics=metrics,
                     suites=[suite])


@pytest.mark.parametrize("role", ["agent", "qa"])
def test_admin_is_an_html_page_saying_who_it_is_for(server, role):
    client, _ = server.browser(role)
    response = client.get("/admin", headers={"Accept": "text/html"})
    client.close()
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "for content owners and administrators" in response.text
    assert 'href="/"' in response.text and "{&#34;detail" not in response.text


def test_the_api_still_answers_403_as_json(server):
    with server.client("agent") as client:
        response = client.post("/api/index")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("the agent role may not do this")


def test_qa_sees_kept_runs_and_recent_rated_answers(server):
    data_dir = server.settings.data_dir
    keep(synthetic_run("2026-11-01T09:00:00+00:00", passed=True), data_dir)
    kept = keep(synthetic_run("2026-11-02T09:00:00+00:00", passed=False), data_dir)
    with server.client("agent") as agent:
        question = "Jane Roe, DOB 02/03/1985, asks about parking"
        asked = agent.post("/api/ask", json={"question": question})
        agent.post("/api/feedback", json={"answer_id": asked.headers["X-Answer-Id"],
                                          "rating": "down", "comment": "missing the garage"})
    client, _ = server.browser("qa")
    page = client.get("/qa", headers={"Accept": "text/html"})
    run = client.get(f"/qa/runs/{kept.name}", headers={"Accept": "text/html"})
    missing = client.get("/qa/runs/nothing.json", headers={"Accept": "text/html"})
    client.close()
    assert page.status_code == 200 and 'href="/qa"' in page.text
    assert page.text.index("2026-11-02T09") < page.text.index("2026-11-01T09")  # newest first
    assert "1 of 1 cases failed" in page.text and "all 1 cases passed" in page.text
    assert "missing the garage" in page.text and "Jane Roe" not in page.text
    assert run.status_code == 200 and "Copilot eval report" in run.text
    assert "1 regression" in run.text  # compared with the run kept before it
    assert "script-src 'unsafe-inline'" in run.headers["content-security-policy"]
    assert missing.status_code == 404


def test_agents_do_not_get_the_qa_page(server):
    client, _ = server.browser("agent")
    response = client.get("/qa", headers={"Accept": "text/html"})
    panel = client.get("/")
    client.close()
    assert response.status_code == 403 and "text/html" in response.headers["content-type"]
    assert "for QA staff and administrators" in response.text
    assert 'href="/qa"' not in panel.text
