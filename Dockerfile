FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    GRADIO_ANALYTICS_ENABLED=False \
    HF_HUB_DISABLE_TELEMETRY=1 \
    HF_HUB_OFFLINE=1 \
    HOST=0.0.0.0 \
    PORT=7860 \
    RADIOMIRCHI_DATA_DIR=/data

# ffmpeg serves the listen-only audio fallback; everything else ships in the Python packages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY app.py .
COPY radiomirchi ./radiomirchi

RUN useradd --create-home player && mkdir -p /data && chown player /data
USER player
EXPOSE 7860
CMD ["python", "app.py"]
