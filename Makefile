# Thin aliases of the npm scripts, for people who reach for make: package.json is where the
# commands live. Extra arguments: `make test ARGS="subgraphs/core"`.
.PHONY: help dev start test lint typecheck doctor

help:
	@echo "make dev | start | test | lint | typecheck | doctor   (aliases of the npm scripts)"

dev:
	npm run dev -- $(ARGS)

start:
	npm start -- $(ARGS)

test:
	npm test -- $(ARGS)

lint:
	npm run lint -- $(ARGS)

typecheck:
	npm run typecheck

doctor:
	npm run doctor
