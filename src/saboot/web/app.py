"""``saboot serve``: the workbench as an ASGI app (FastAPI on uvicorn).

Pages are server-rendered with Jinja2 (autoescaped: text from reports is
shown as text, never run); ``/api/...`` returns the same views as JSON, with
an OpenAPI description at ``/openapi.json`` and one error shape:
``{"error": {"code", "message", "where", "hint"}, "status"}``. No asset comes
from a CDN.
"""

from collections.abc import Awaitable, Callable, Iterator
from importlib.resources import files
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Depends, FastAPI, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from saboot import __version__, review
from saboot.accounts import Principal
from saboot.claims import triple_of
from saboot.dates import stated_json
from saboot.errors import Forbidden, NotAuthenticated, NotFoundError, SabootError
from saboot.link import decisions, lineage
from saboot.link.near import NEAR
from saboot.report import timeline_svg
from saboot.store import IncidentFilter, MonthTotal, Store, open_store
from saboot.successors import document_of
from saboot.web import admin, security, views, workbench

ANALYST = "Who decides, for the ledger: only read in a store without accounts (otherwise the logged-in user)."


class DecisionIn(BaseModel):
    """An analyst's decision on one claim: exactly one of a count, an event
    type, a date or a rejection, with the reason and who decided."""

    analyst: str | None = Field(None, max_length=200, description=ANALYST)
    reason: str = Field(min_length=1, max_length=2000, description="Why, for the record.")
    count_field: Literal["killed", "injured", "abducted", "missing", "arrested"] | None = None
    low: int | None = Field(None, ge=0, le=10_000_000)
    best: int | None = Field(None, ge=0, le=10_000_000)
    high: int | None = Field(None, ge=0, le=10_000_000)
    event_type: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    precision: Literal["day", "week", "month", "year", "decade", "unknown"] = "day"
    reject: bool = False
    accept: bool = False

    @field_validator("*", mode="before")
    @classmethod
    def blank_is_none(cls, value: Any) -> Any:
        """An HTML form sends an empty box as ""; it means "not given"."""
        return None if isinstance(value, str) and not value.strip() else value

    def decision(self) -> review.Decision:  # blanks are already None (blank_is_none)
        return review.Decision(
            self.reason, self.count_field, self.low, self.best, self.high, self.event_type,
            self.date_start, self.date_end, self.precision, self.reject, self.accept,
        )  # fmt: skip


class ReviewIn(BaseModel):
    """An analyst's mark that an incident was checked as it stands."""

    analyst: str | None = Field(None, max_length=200, description=ANALYST)
    note: str = Field(min_length=1, max_length=2000, description="What was checked.")


class MergeIn(BaseModel):
    """Merge this incident with others (they are one event)."""

    analyst: str | None = Field(None, max_length=200, description=ANALYST)
    reason: str = Field(min_length=1, max_length=2000)
    others: str = Field(min_length=1, max_length=5000, description="The other incidents' ids, separated by spaces or commas.")


class ConfirmIn(BaseModel):
    """Accept the incident's links: its claims stay together in later links."""

    analyst: str | None = Field(None, max_length=200, description=ANALYST)
    reason: str = Field(min_length=1, max_length=2000)


class WithdrawIn(ConfirmIn):
    """Withdraw the analysts' decisions in force on the incident's claims: the linker judges them again."""


class RelinkIn(BaseModel):
    """Who asks for the re-link (recorded in the audit ledger)."""

    analyst: str | None = Field(None, max_length=200, description=ANALYST)


class SplitIn(BaseModel):
    """Take these claims out of the incident into one of their own."""

    analyst: str | None = Field(None, max_length=200, description=ANALYST)
    reason: str = Field(min_length=1, max_length=2000)
    claim_ids: list[str] = Field(min_length=1, max_length=10_000)


DESCRIPTION = (
    "Evidence-grade records of reports of mass violence. Scripts authenticate with "
    "`Authorization: Bearer TOKEN` (`saboot users token NAME`); browsers log in at /login."
)


def error_body(status: int, code: str, message: str, where: str | None = None, hint: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "where": where, "hint": hint}, "status": status}


def create_app(db: str, tiles: str | None = None, attribution: str | None = None) -> FastAPI:
    """The workbench over the store at ``db``; ``tiles`` is an optional XYZ tile URL drawn under the map."""

    def store() -> Iterator[Store]:
        s = open_store(db)
        try:
            yield s
        finally:
            s.close()

    StoreDep = Annotated[Store, Depends(store)]

    async def gate(request: Request, s: StoreDep) -> Principal | None:
        return await security.admit(request, s)

    def me(principal: Annotated[Principal | None, Depends(gate)]) -> Principal:
        assert principal is not None  # admit() lets no one without a principal past the open paths
        return principal

    MeDep = Annotated[Principal, Depends(me)]
    # FastAPI's /docs and /redoc pages load their scripts from a CDN; the workbench lists its API itself at /api
    app = FastAPI(
        title="saboot", version=__version__, description=DESCRIPTION, dependencies=[Depends(gate)], docs_url=None, redoc_url=None
    )
    templates = Jinja2Templates(
        directory=str(files("saboot") / "web" / "templates"),
        context_processors=[lambda request: {"me": getattr(request.state, "principal", None)}],
    )
    templates.env.filters["unknown"] = lambda v: "?" if v is None else v
    templates.env.filters["when"] = stated_json
    templates.env.filters["triple"] = triple_of

    @app.middleware("http")
    async def same_origin_writes(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """Refuse writes a page on another site makes the browser send (CSRF)."""
        if request.method not in ("GET", "HEAD", "OPTIONS") and not _same_origin(request):
            body = error_body(403, "E903", "cross-site write refused", "Origin",
                              "send changes from the saboot pages themselves, or from a client that sends no foreign Origin")  # fmt: skip
            return JSONResponse(body, status_code=403)
        return await call_next(request)

    @app.exception_handler(SabootError)
    async def saboot_error(request: Request, exc: SabootError) -> Response:
        status = _status(exc)
        body = error_body(status, exc.code, exc.message, exc.where, exc.hint)
        if request.url.path.startswith("/api/"):
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return JSONResponse(body, status_code=status, headers=headers)
        if status == 401:
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return templates.TemplateResponse(request, "error.html", body, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        body = error_body(exc.status_code, "E900", str(exc.detail))
        if request.url.path.startswith("/api/"):
            return JSONResponse(body, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", body, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        body = error_body(422, "E901", f"invalid {where or 'request'}: {first.get('msg', 'not understood')}", where,
                          "correct that value and send it again")  # fmt: skip
        if request.url.path.startswith("/api/"):
            return JSONResponse(body, status_code=422)
        return templates.TemplateResponse(request, "error.html", body, status_code=422)

    def incident_query(
        q: str | None = None, since: str | None = None, until: str | None = None, country: str | None = None,
        admin1: str | None = None, type: str | None = None, actor: str | None = None, victim: str | None = None,
        flag: str | None = None, min_sources: Annotated[int | None, Query(ge=0, le=1_000_000)] = None, sort: str = "date",
        page: Annotated[int, Query(ge=1, le=100000)] = 1, flagged: bool = False,
    ) -> views.Query:  # fmt: skip
        flt = IncidentFilter(since or None, until or None, country or None, admin1 or None, type or None, actor or None,
                             victim or None, flag or None, min_sources, flagged=flagged)  # fmt: skip
        return views.Query(flt, q or None, sort, page)

    QueryDep = Annotated[views.Query, Depends(incident_query)]

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def page_api(request: Request) -> Response:
        operations = [
            {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "body": "requestBody" in op}
            for path, item in app.openapi()["paths"].items() for method, op in item.items()
        ]  # fmt: skip
        return templates.TemplateResponse(request, "api.html", {"operations": operations, "description": DESCRIPTION})

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/incidents")

    @app.get("/api/near", summary="Pairs of incidents that may be one, strongest first, with why they were kept apart")
    def api_near(
        s: StoreDep, who: MeDep, low: Annotated[float, Query(alias="min", ge=0, le=1)] = NEAR,
        high: Annotated[float, Query(alias="max", ge=0, le=1)] = 1.0, limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> list[dict[str, Any]]:  # fmt: skip
        return views.near_pairs(s, low, high, limit, security.redactor(who, s))

    @app.get("/near", response_class=HTMLResponse, include_in_schema=False)
    def page_near(
        request: Request, s: StoreDep, who: MeDep, low: Annotated[float, Query(alias="min", ge=0, le=1)] = NEAR,
        high: Annotated[float, Query(alias="max", ge=0, le=1)] = 1.0, limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Response:  # fmt: skip
        data = views.near_pairs(s, low, high, limit, security.redactor(who, s))
        return templates.TemplateResponse(request, "near.html", {"pairs": data, "low": low, "high": high, "limit": limit})

    @app.get("/api/incidents", summary="Incidents, filtered, sorted and paginated")
    def api_incidents(s: StoreDep, query: QueryDep, who: MeDep) -> dict[str, Any]:
        return views.incident_list(s, query, security.redactor(who, s))

    @app.get("/incidents", response_class=HTMLResponse, include_in_schema=False)
    def page_incidents(request: Request, s: StoreDep, query: QueryDep, who: MeDep) -> Response:
        data = views.incident_list(s, query, security.redactor(who, s))
        return templates.TemplateResponse(request, "incidents.html", {"data": data, "query": query})

    @app.get("/api/timeline", summary="Incidents and killed (low/best/high) per month, for the same filters as the list")
    def api_timeline(s: StoreDep, query: QueryDep, who: MeDep) -> dict[str, Any]:
        return views.timeline(s, query, security.redactor(who, s))

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def page_timeline(request: Request, s: StoreDep, query: QueryDep, who: MeDep) -> Response:
        data = views.timeline(s, query, security.redactor(who, s))
        svg = timeline_svg([MonthTotal(**m) for m in data["months"]])
        return templates.TemplateResponse(request, "timeline.html", {"data": data, "query": query, "svg": svg})

    @app.get("/api/export", summary="The filtered incidents (all pages) as csv, jsonl, geojson, parquet, acled or ucdp")
    def api_export(
        s: StoreDep, query: QueryDep, who: MeDep, format: Literal["csv", "jsonl", "geojson", "parquet", "acled", "ucdp"] = "geojson",
        include_sensitive: Annotated[bool, Query(description="Admins only: do not redact sensitive records")] = False,
    ) -> Response:  # fmt: skip
        red = security.export_redactor(who, s, include_sensitive)
        data, media_type, name = views.export_incidents(s, query, format, red)
        return Response(data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def page_map(request: Request, s: StoreDep, query: QueryDep, who: MeDep) -> Response:
        data = views.map_view(s, query, security.redactor(who, s), tiles, attribution)
        return templates.TemplateResponse(request, "map.html", {"data": data, "query": query})

    @app.get("/api/incidents/{incident_id}", summary="One incident with sources, quotes, discrepancies and flags")
    def api_incident(incident_id: str, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return _jsonable(views.incident_detail(s, incident_id, security.redactor(who, s)))

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_incident(request: Request, incident_id: str, s: StoreDep, who: MeDep) -> Response:
        data = views.incident_detail(s, incident_id, security.redactor(who, s))
        return templates.TemplateResponse(request, "incident.html", {"data": data, "near_floor": NEAR})

    @app.get("/api/documents", summary="Stored documents")
    def api_documents(
        s: StoreDep, who: MeDep, q: str | None = None, page: Annotated[int, Query(ge=1, le=100_000)] = 1
    ) -> dict[str, Any]:
        return views.document_list(s, q, page, security.redactor(who, s))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def page_documents(
        request: Request, s: StoreDep, who: MeDep, q: str | None = None, page: Annotated[int, Query(ge=1, le=100_000)] = 1
    ) -> Response:
        data = views.document_list(s, q, page, security.redactor(who, s))
        return templates.TemplateResponse(request, "documents.html", {"data": data, "q": q or ""})

    @app.get("/api/documents/{document_id}", summary="One document: provenance, hash, text, claims, history")
    def api_document(document_id: str, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return views.document_detail(s, document_id, security.redactor(who, s))

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_document(request: Request, document_id: str, s: StoreDep, who: MeDep) -> Response:
        data = views.document_detail(s, document_id, security.redactor(who, s))
        return templates.TemplateResponse(request, "document.html", {"data": data})

    @app.get("/documents/{document_id}/original", summary="The original bytes, as ingested")
    def original(document_id: str, s: StoreDep, who: MeDep) -> Response:
        doc = s.get_document(document_id)
        if security.redactor(who, s).hidden(doc.id):
            raise NotFoundError(f"no document {document_id!r}", hint="list documents at /documents")
        headers = {"Content-Disposition": f'attachment; filename="{doc.id}"', "X-Content-SHA256": doc.sha256}
        return Response(s.read_blob(doc.sha256), media_type="application/octet-stream", headers=headers)

    @app.post("/api/claims/{claim_id}/decisions", status_code=201, summary="Correct or reject one claim (audited)")
    def api_decide(claim_id: str, body: DecisionIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return review.decide(s, claim_id, body.decision(), security.actor(who, body.analyst)).__dict__

    @app.post("/claims/{claim_id}/decisions", include_in_schema=False)
    def form_decide(claim_id: str, body: Annotated[DecisionIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        done = review.decide(s, claim_id, body.decision(), security.actor(who, body.analyst))
        return RedirectResponse(f"/documents/{document_of(done.anchor)}?recorded={done.field}#claims", status_code=303)

    @app.post("/api/incidents/{incident_id}/reviews", status_code=201, summary="Mark an incident reviewed as it stands")
    def api_review(incident_id: str, body: ReviewIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return review.mark_reviewed(s, incident_id, body.note, security.actor(who, body.analyst)).__dict__

    @app.post("/incidents/{incident_id}/reviews", include_in_schema=False)
    def form_review(incident_id: str, body: Annotated[ReviewIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        review.mark_reviewed(s, incident_id, body.note, security.actor(who, body.analyst))
        return RedirectResponse(f"/incidents/{incident_id}?reviewed=1", status_code=303)

    def relinked(s: Store, claim_id: str) -> dict[str, Any]:
        return {"incident_id": s.incidents_of_claims([claim_id]).get(claim_id)}  # not every claim's: a million take 1 s

    @app.post("/api/incidents/{incident_id}/merge", summary="Merge incidents (audited; re-links at once)")
    def api_merge(incident_id: str, body: MergeIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        first = views.merge(s, incident_id, body.others, body.reason, security.actor(who, body.analyst))
        return relinked(s, first)

    @app.post("/incidents/{incident_id}/merge", include_in_schema=False)
    def form_merge(incident_id: str, body: Annotated[MergeIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        first = views.merge(s, incident_id, body.others, body.reason, security.actor(who, body.analyst))
        return RedirectResponse(f"/incidents/{relinked(s, first)['incident_id']}?relinked=1", status_code=303)

    @app.post("/api/incidents/{incident_id}/split", summary="Split claims out of an incident (audited; re-links at once)")
    def api_split(incident_id: str, body: SplitIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        decisions.split(s, incident_id, body.claim_ids, body.reason, security.actor(who, body.analyst))
        return relinked(s, body.claim_ids[0])

    @app.post("/incidents/{incident_id}/split", include_in_schema=False)
    def form_split(incident_id: str, body: Annotated[SplitIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        decisions.split(s, incident_id, body.claim_ids, body.reason, security.actor(who, body.analyst))
        return RedirectResponse(f"/incidents/{relinked(s, body.claim_ids[0])['incident_id']}?relinked=1", status_code=303)

    @app.post("/api/incidents/{incident_id}/confirm", summary="Accept an incident's links (audited; kept by later links)")
    def api_confirm(incident_id: str, body: ConfirmIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return relinked(s, views.decide_on(s, incident_id, decisions.confirm, body.reason, security.actor(who, body.analyst)))

    @app.post("/incidents/{incident_id}/confirm", include_in_schema=False)
    def form_confirm(incident_id: str, body: Annotated[ConfirmIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        first = views.decide_on(s, incident_id, decisions.confirm, body.reason, security.actor(who, body.analyst))
        return RedirectResponse(f"/incidents/{relinked(s, first)['incident_id']}?relinked=1", status_code=303)

    @app.post("/api/incidents/{incident_id}/withdraw", summary="Withdraw the analysts' decisions on an incident's claims")
    def api_withdraw(incident_id: str, body: WithdrawIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return relinked(s, views.decide_on(s, incident_id, decisions.withdraw, body.reason, security.actor(who, body.analyst)))

    @app.post("/incidents/{incident_id}/withdraw", include_in_schema=False)
    def form_withdraw(incident_id: str, body: Annotated[WithdrawIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        first = views.decide_on(s, incident_id, decisions.withdraw, body.reason, security.actor(who, body.analyst))
        return RedirectResponse(f"/incidents/{relinked(s, first)['incident_id']}?relinked=1", status_code=303)

    @app.get("/api/decisions", summary="Analysts' link decisions, oldest first, each with what it does on the current claims")
    def api_decisions(
        s: StoreDep, who: MeDep, status: Literal["in_force", "replaced", "orphaned", "moot", "met"] | None = None
    ) -> list[dict[str, Any]]:
        chosen = [d.to_json() for d in lineage.standing(s, status=status)]
        found: list[dict[str, Any]] = security.redactor(who, s).json(chosen)
        return found  # marked names withheld from the reasons, as in an incident's history

    @app.post("/api/link", summary="Re-link the store now, so that analysts' corrections reach the incidents")
    def api_link(body: RelinkIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return decisions.relink(s, security.actor(who, body.analyst)).__dict__

    @app.post("/link", include_in_schema=False)
    def form_link(body: Annotated[RelinkIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        done = decisions.relink(s, security.actor(who, body.analyst))
        said = {
            "linked": done.claims, "moved": done.confined, "scored": done.rescored, "built": done.rebuilt,
            "because": done.whole_because,
        }  # fmt: skip
        told = urlencode({k: v for k, v in said.items() if v is not None})  # what the queue's notice says
        return RedirectResponse(f"/incidents?flagged=true&sort=review&{told}", status_code=303)

    workbench.register(app, templates, StoreDep, MeDep)
    admin.register(app, templates, StoreDep, MeDep)
    return app


def _status(exc: SabootError) -> int:
    if isinstance(exc, NotAuthenticated):
        return 401
    if isinstance(exc, Forbidden):
        return 403
    return 404 if isinstance(exc, NotFoundError) else 400


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True  # not a browser page on another site (curl, scripts, tests)
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    import dataclasses

    return {
        **data,
        "documents": [
            {"source": dataclasses.asdict(d["source"]), "document": d["document"], "segments": d["segments"]}
            for d in data["documents"]
        ],
    }
