# syntax=docker/dockerfile:1
# Sigil container image: a multi-stage build, a distroless runtime (glibc, CA certificates, no
# shell, no package manager) running as the unprivileged user 65532.
#   docker build -t sigil .
#   docker run -p 8080:8080 -v sigil-data:/var/lib/sigil sigil
# Configuration: SIGIL_* environment variables or a file mounted at /etc/sigil/sigil.toml with
# SIGIL_CONFIG=/etc/sigil/sigil.toml (docs/configuration.md, docs/operations.md).

FROM docker.io/library/rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
# --locked: exactly the versions of Cargo.lock.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p sigil \
 && install -D -m 0755 target/release/sigil /out/sigil \
 && install -d -m 0700 /out/data

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/sigil /usr/local/bin/sigil
# The data folder (SQLite database and master key) belongs to the runtime user, mode 0700.
COPY --from=build --chown=65532:65532 /out/data /var/lib/sigil
ENV SIGIL_SERVER_LISTEN=0.0.0.0:8080 \
    SIGIL_DATABASE_URL=sqlite:///var/lib/sigil/sigil.db \
    SIGIL_SERVER_LOG_FORMAT=json
USER 65532:65532
VOLUME ["/var/lib/sigil"]
EXPOSE 8080
# /readyz: the store answers and can write (docs/operations.md, "Monitoring").
HEALTHCHECK --interval=15s --timeout=6s --start-period=20s --retries=3 CMD ["/usr/local/bin/sigil", "probe"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/sigil"]
CMD ["serve"]
