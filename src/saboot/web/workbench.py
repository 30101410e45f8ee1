"""Workbench routes beyond reading and reviewing: logging in and out, uploading
reports, and marking records sensitive. Each write has a form twin and a JSON
twin that call the same library function."""

from collections import Counter
from dataclasses import asdict
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from saboot import accounts, sensitive
from saboot.accounts import Principal
from saboot.errors import NotAuthenticated
from saboot.extract.runner import ExtractionRunner, default_extractor
from saboot.ingest.fetch import OfflineFetcher
from saboot.ingest.pipeline import IngestOptions, Ingestor
from saboot.model import ReportMeta
from saboot.store import Store
from saboot.web import security

MAX_FILES = 500


class MarkIn(BaseModel):
    """Mark a document (its id) or a name sensitive, or clear the mark (admins)."""

    kind: Literal["document", "name"]
    target: str = Field(min_length=1, max_length=500)
    reason: str = Field(min_length=1, max_length=2000)
    clear: bool = False


def upload(store: Store, who: Principal, files: list[UploadFile], outlet: str | None, published: str | None) -> dict[str, Any]:
    """Store and extract uploaded reports, one outcome per report (a bulk file gives one per row)."""
    who.require("analyst", "ingest reports")
    options = IngestOptions(
        actor=who.name if who.via != "local" else "", meta=ReportMeta(outlet=outlet or None, published=published or None)
    )
    ingestor = Ingestor(store, options, OfflineFetcher())
    ingestor.on_stored.append(ExtractionRunner(store, default_extractor(), ingestor.actor).extract)
    outcomes = []
    for f in files[:MAX_FILES]:
        outcomes += ingestor.ingest_upload(f.file.read(options.max_bulk_bytes + 1), f.filename or "upload")
    counts = Counter(o.status for o in outcomes)
    summary = {"stored": counts["stored"], "duplicate": counts["duplicate"], "failed": counts["failed"]}
    if len(files) > MAX_FILES:
        summary["not_read"] = len(files) - MAX_FILES
    return {"outcomes": [asdict(o) for o in outcomes], "summary": summary}


def apply_mark(store: Store, who: Principal, body: MarkIn) -> dict[str, Any]:
    if body.clear:
        who.require("admin", "clear a sensitive mark")
        sensitive.clear(store, body.kind, body.target, body.reason, who.name)
        return {"cleared": {"kind": body.kind, "target": body.target}}
    return asdict(sensitive.mark(store, body.kind, body.target, body.reason, who.name))


def register(app: FastAPI, templates: Jinja2Templates, StoreDep: Any, MeDep: Any) -> None:
    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str | None = None) -> Response:
        return templates.TemplateResponse(request, "login.html", {"next": security.safe_next(next), "failed": False})

    @app.post("/login", include_in_schema=False)
    def login(
        request: Request, s: StoreDep, name: Annotated[str, Form(max_length=64)], password: Annotated[str, Form(max_length=1024)],
        next: Annotated[str | None, Form()] = None,
    ) -> Response:  # fmt: skip
        try:
            user = accounts.authenticate(s, name, password)
        except NotAuthenticated:
            context = {"next": security.safe_next(next), "failed": True}
            return templates.TemplateResponse(request, "login.html", context, status_code=401)
        response = RedirectResponse(security.safe_next(next), status_code=303)
        response.set_cookie(
            security.COOKIE, accounts.start_session(s, user), max_age=accounts.SESSION_HOURS * 3600, httponly=True,
            samesite="lax", secure=request.url.scheme == "https",
        )  # fmt: skip
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request, s: StoreDep, who: MeDep) -> Response:
        if token := request.cookies.get(security.COOKIE):
            accounts.end_session(s, token)
        response = RedirectResponse("/login" if who.via != "local" else "/incidents", status_code=303)
        response.delete_cookie(security.COOKIE)
        return response

    @app.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
    def ingest_page(request: Request, who: MeDep) -> Response:
        who.require("analyst", "ingest reports")
        return templates.TemplateResponse(request, "ingest.html", {"result": None})

    @app.post("/api/ingest", summary="Upload reports (or bulk .jsonl/.csv files): stored, extracted, one outcome each")
    def api_ingest(
        s: StoreDep, who: MeDep, files: Annotated[list[UploadFile], File()],
        outlet: Annotated[str | None, Form(max_length=200)] = None, published: Annotated[str | None, Form(max_length=40)] = None,
    ) -> dict[str, Any]:  # fmt: skip
        return upload(s, who, files, outlet, published)

    @app.post("/ingest", response_class=HTMLResponse, include_in_schema=False)
    def form_ingest(
        request: Request, s: StoreDep, who: MeDep, files: Annotated[list[UploadFile], File()],
        outlet: Annotated[str | None, Form(max_length=200)] = None, published: Annotated[str | None, Form(max_length=40)] = None,
    ) -> Response:  # fmt: skip
        result = upload(s, who, files, outlet, published)
        return templates.TemplateResponse(request, "ingest.html", {"result": result})

    @app.get("/api/sensitive", summary="Sensitive marks (analysts and admins)")
    def api_marks(s: StoreDep, who: MeDep) -> dict[str, Any]:
        who.require("analyst", "see sensitive marks")
        return {"marks": [asdict(m) for m in s.sensitive_marks()]}

    @app.get("/sensitive", response_class=HTMLResponse, include_in_schema=False)
    def page_marks(request: Request, s: StoreDep, who: MeDep) -> Response:
        who.require("analyst", "see sensitive marks")
        return templates.TemplateResponse(request, "sensitive.html", {"marks": s.sensitive_marks()})

    @app.post("/api/sensitive", status_code=201, summary="Mark a document or a name sensitive, or clear a mark (audited)")
    def api_mark(body: MarkIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return apply_mark(s, who, body)

    @app.post("/sensitive", include_in_schema=False)
    def form_mark(body: Annotated[MarkIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        done = apply_mark(s, who, body)
        back = f"/documents/{quote(done['target'])}" if body.kind == "document" and not body.clear else "/sensitive"
        return RedirectResponse(back, status_code=303)
