# The worker image: BullMQ processors, no HTTP. Scale out with more replicas.
FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY libs libs
COPY apps apps
RUN npm ci --no-audit --no-fund && npx nx run @memegraph/worker:build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src /app
USER node
CMD ["node", "apps/worker/dist/main.js"]
