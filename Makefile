# hoidap — `make run` and `make test` each do all set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export OPENBLAS_NUM_THREADS := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: run test setup models chromium ocr bench bench-quality clean-data

setup: $(STAMP)

# torch first, from its exact version: plain `torch` would pull a multi-GB CUDA build.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.txt -c constraints.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

models: $(STAMP)
	$(BIN)/hoidap models fetch

# The main job: index the shipped corpus, then chat in the terminal (or run the Telegram bot).
run: models ocr
	$(BIN)/hoidap ingest corpus/
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(BIN)/hoidap telegram; else $(BIN)/hoidap chat; fi

# Debian's chromium for the browser test (skipped with a reason where it cannot be installed).
chromium:
	@command -v chromium >/dev/null 2>&1 || { (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || echo "chromium not installed; the browser test will be skipped"; }

# Debian's Tesseract with Vietnamese data (and poppler's pdftoppm) for scanned PDFs and photos. Where
# they cannot be installed, a scanned file is skipped with a line naming the package (CI=true fails the OCR tests).
ocr:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie && command -v pdftoppm >/dev/null 2>&1 \
	   && test -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf; } || \
	  { (apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core) >/dev/null 2>&1 || \
	    echo "tesseract-ocr tesseract-ocr-vie not installed; scanned files will be skipped"; }

test: models chromium ocr
	$(BIN)/python -m pytest -q

bench: models
	$(BIN)/python -m benchmarks.run_speed

bench-quality: models ocr
	$(BIN)/python -m benchmarks.run_quality

clean-data:
	rm -rf data
