# IMGPath: `make run` serves the app with demo data, `make test` runs every test.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
# Byte-compile installed packages once, so every start skips compiling them (and works even
# where PYTHONDONTWRITEBYTECODE is set).
export UV_COMPILE_BYTECODE := 1
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
DATA := data
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
RUN := $(UV) run --locked --no-sync

.PHONY: run test test-fast test-browser lint check-deploy venv demo clean

# The virtual environment comes from the committed lock file; re-synced only when it changes.
venv: .venv/.synced
.venv/.synced: uv.lock pyproject.toml
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv
	$(UV) sync --locked --quiet
	@touch $@

$(DATA)/.secret_key:
	@mkdir -p $(DATA)
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

# Local server: plain HTTP on 127.0.0.1, emails printed to this terminal.
run: export DJANGO_DEBUG := False
run: export IMGPATH_HTTPS := False
run: export ALLOWED_HOSTS := 127.0.0.1,localhost
run: export EMAIL_BACKEND := django.core.mail.backends.console.EmailBackend
run: venv $(DATA)/.secret_key
	@export SECRET_KEY="$$(cat $(DATA)/.secret_key)"; \
	$(RUN) python manage.py migrate --no-input -v 0 && \
	$(RUN) python manage.py collectstatic --no-input -v 0 && \
	$(RUN) python manage.py load_demo && \
	echo "" && echo "IMGPath is starting on http://$(HOST):$(PORT)/  (stop with Ctrl+C)" && \
	exec $(RUN) gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers 2 --threads 4 \
	  --access-logfile - --log-level warning

demo: venv $(DATA)/.secret_key
	@SECRET_KEY="$$(cat $(DATA)/.secret_key)" $(RUN) python manage.py load_demo

# The whole suite: unit, API, pages and browser. PostgreSQL when DATABASE_URL is set, else SQLite.
test: venv
	@if [ -n "$$DATABASE_URL" ]; then echo "Database for tests: PostgreSQL ($${DATABASE_URL%%\?*})"; \
	  else echo "Database for tests: SQLite (set DATABASE_URL for PostgreSQL)"; fi
	$(RUN) pytest $(PYTEST_ARGS)

test-fast: PYTEST_ARGS := -m "not browser and not slow"
test-fast: test

test-browser: PYTEST_ARGS := -m browser
test-browser: test

lint: venv
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports
	$(RUN) mypy --strict imgpath/engines
	$(RUN) mypy imgpath

# Production settings must pass Django's deployment checklist.
check-deploy: venv
	@SECRET_KEY="$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	DJANGO_DEBUG=False ALLOWED_HOSTS=imgpath.example.org IMGPATH_HTTPS=True \
	$(RUN) python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf .venv $(DATA)
