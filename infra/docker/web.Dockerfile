# The web UI image (Next.js). It reaches the API server-side through MEMEGRAPH_API_URL.
FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY libs libs
COPY apps apps
RUN npm ci --no-audit --no-fund && npx nx run @memegraph/web:build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build /src /app
USER node
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3001/profiles').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
WORKDIR /app/apps/web
CMD ["npx", "next", "start", "-p", "3001", "-H", "0.0.0.0"]
