# syntax=docker/dockerfile:1
# Targets: `api` (default) and `worker`.
#   docker build --target api -t campaign-crm-api .
#   docker build --target worker -t campaign-crm-worker .

FROM node:24-bookworm-slim AS base
WORKDIR /app

# ---- dependencies (dev included, for the build)
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build, then drop dev dependencies
FROM deps AS build
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- shared runtime layer
FROM base AS runtime
ENV NODE_ENV=production
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The app may write under /app (e.g. ./var/mail when no SMTP_URL is set).
RUN mkdir -p /app/var && chown node:node /app /app/var

FROM runtime AS worker
USER node
CMD ["node", "dist/apps/worker/src/main.js"]

FROM runtime AS api
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
