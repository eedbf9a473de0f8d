/**
 * Texts that belong to no root-cause class: chat, healthy output, housekeeping alerts, unrelated
 * issues. They teach the model what "nothing to diagnose" looks like so it can answer unknown.
 */
export const negativeExamples: string[] = [
  `Weekly team lunch moved to Friday 12:30, same place as last time. Reply if you have dietary restrictions.`,
  `Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.`,
  `[FIRING:1] Watchdog
This is an alert meant to ensure that the entire alerting pipeline is functional. This alert is always firing, therefore it should always be firing in Alertmanager and always fire against a receiver.`,
  `[FIRING:1] InfoInhibitor
This is an alert that is used to inhibit info alerts. By themselves, the info-level alerts are sometimes very noisy, but they are relevant when combined with other alerts.`,
  `2024-05-14T10:00:01Z INFO deploy started version=2.14.0 commit=8f2c1ab
2024-05-14T10:00:47Z INFO rollout status: 3 of 3 updated replicas are available
2024-05-14T10:00:47Z INFO deploy finished successfully in 46s`,
  `deployment "checkout-api" successfully rolled out`,
  `NAME                           READY   STATUS    RESTARTS   AGE
web-7c9d8f6b5-2kq8m            1/1     Running   0          3d
web-7c9d8f6b5-8zt4w            1/1     Running   0          3d
worker-5f6d7c8b9-xk2lp         1/1     Running   0          3d`,
  `Release 3.2.0 is out! New: dark mode for the dashboard, CSV export for reports, and faster search. Thanks to all contributors.`,
  `Bump golang.org/x/net from 0.23.0 to 0.25.0. Release notes and commits are linked below.`,
  `docs: fix typo in README ("recieve" -> "receive") and update the installation section for Homebrew.`,
  `Feature request: it would be great if the settings page allowed choosing a default time zone for reports.`,
  `ok  	github.com/acme/shop/internal/cart	0.412s
ok  	github.com/acme/shop/internal/orders	1.203s
ok  	github.com/acme/shop/internal/payments	0.887s`,
  `Hi team, reminder that the on-call handover is tomorrow at 10:00. Nothing notable this week, all quiet.`,
  `今天中午一起去吃火锅吗？12 点楼下集合。`,
  `下周一值班交接，本周没有故障，大家辛苦了。`,
  `周报：本周完成了用户中心的前端改版，下周计划上线新的搜索页面。`,
  `Thanks for the review! I addressed all comments and rebased onto main. PTAL.`,
  `The button on the login page is misaligned on Safari 17; it should be centred like on Chrome.`,
  `Could we rename the "Projects" tab to "Workspaces" to match the new product naming?`,
  `helm upgrade --install web ./chart -n prod
Release "web" has been upgraded. Happy Helming!
NAME: web
LAST DEPLOYED: Tue May 14 10:02:11 2024
NAMESPACE: prod
STATUS: deployed
REVISION: 42`,
  `Terraform will perform the following actions:
  # aws_s3_bucket.assets will be updated in-place
  ~ tags = { "team" = "web" -> "platform" }
Plan: 0 to add, 1 to change, 0 to destroy.`,
  `All systems operational. No incidents reported in the last 90 days.`,
  `[RESOLVED] Watchdog — alerting pipeline test alert resolved.`,
  `2024-06-01 08:00:00 INFO  server listening on :8080
2024-06-01 08:00:00 INFO  connected to database in 12ms
2024-06-01 08:00:01 INFO  cache warmed with 1204 entries
2024-06-01 08:00:05 INFO  GET /healthz 200 0.4ms`,
  `Please add support for exporting invoices as PDF. Our accounting team needs it for monthly closing.`,
  `Meeting notes: discussed Q3 roadmap, agreed to prioritise onboarding flow and analytics. Next sync in two weeks.`,
  `The quick brown fox jumps over the lazy dog.`,
  `Happy birthday Anna! 🎂 Cake in the kitchen at 3pm.`,
  `refactor: move the date helpers into a separate package and add unit tests. No behaviour change.`,
  `Can someone give me access to the design files in Figma? I need to update the onboarding screens.`,
  `Step 1/9 : FROM golang:1.22-alpine AS build
Step 2/9 : WORKDIR /src
Step 3/9 : COPY go.mod go.sum ./
Successfully built 3f2a9c1e7b2d
Successfully tagged acme/api:2.14.0`,
  `kubectl get nodes
NAME       STATUS   ROLES           AGE   VERSION
node-1     Ready    control-plane   210d  v1.29.4
node-2     Ready    <none>          210d  v1.29.4
node-3     Ready    <none>          88d   v1.29.4`,
  `The new onboarding email has a broken link to the privacy policy. It points to /privacy-policy instead of /privacy.`,
  `Question: what is the recommended way to structure a monorepo with several Go services and shared libraries?`,
  `chore(deps): update dependency eslint to v9.39.5`,
  `[FIRING:1] KubeVersionMismatch
There are 2 different semantic versions of Kubernetes components running.`,
  `感谢大家这个季度的努力，团建定在下个月第二个周六，地点待定。`,
  `这个 PR 只是调整了按钮颜色和文案，麻烦帮忙 review 一下。`,
  `Added translations for German and French. Some strings in the settings page are still missing.`,
  `Our office will be closed on Monday for the public holiday. Support tickets will be answered on Tuesday.`,
  `The API now returns the total count in the X-Total-Count header for list endpoints.`,
  `PASS
coverage: 84.2% of statements
ok  	github.com/acme/lib/strutil	0.031s`,
  `git log --oneline
a1b2c3d Merge pull request #412 from acme/feature/search-filters
d4e5f6a Add search filters to the product list
0a9b8c7 Update changelog`,
  `Vacation request: I'll be out from the 3rd to the 14th. Maria is covering my reviews.`,
  `The chart in the analytics page should use a logarithmic scale when values span several orders of magnitude.`,
  `INFO  [main] Application started in 3.214 seconds (process running for 3.9)`,
  `Welcome to the project! Start by reading CONTRIBUTING.md and running make setup.`,
  `This RFC proposes adopting OpenAPI 3.1 for all public endpoints and generating clients from the spec.`,
  `Our sales numbers for April are up 12% compared to March, mostly from the new enterprise plan.`,
  `Please update your profile picture and fill in the team directory before Friday.`,
  `The documentation site now has a search box powered by the static index; let us know if results look off.`,
  `Sprint retro: what went well — pairing on the checkout redesign; what to improve — fewer meetings on Wednesday.`,
  `Alertmanager test notification from the staging receiver. Please ignore.`,
  `certificate renewed successfully, next renewal scheduled in 60 days.`,
  `Backup completed: 142 GB in 18 minutes, verified checksum OK.`,
  `Scaled deployment/web to 6 replicas for the marketing campaign tonight; will scale back tomorrow.`,
  `服务发布完成，灰度 10% 观察半小时无异常，准备全量。`,
  `新同事下周入职，请大家帮忙准备一下开发环境的文档。`,
  `Lorem ipsum dolor sit amet, sed quia non numquam eius modi tempora incidunt ut labore et dolore magnam aliquam quaerat voluptatem.`,
  `Hello world`,
  `Does anyone know a good coffee place near the new office?`,
  `The logo on the invoice template is blurry when printed; please use the SVG version.`,
  `We are migrating the wiki to the new documentation platform next week; old links will redirect.`,
  `I think we should add a CHANGELOG entry for this change, otherwise looks good to me.`,
  `UX research summary: users want fewer steps in the signup form and clearer pricing.`,
  `**Describe the bug**
The language selector in the settings page shows English twice.

**To Reproduce**
1. Open Settings
2. Click Language

**Expected behavior**
Each language is listed once.

**Environment**
- Version: 2.4.1
- Browser: Firefox 125
- OS: Windows 11`,
  `### What would you like to be added?

Support for custom annotations on the ServiceAccount created by the chart.

### Why is this needed?

We use workload identity and need to annotate the service account.

### Version

Helm chart 3.1.0, Kubernetes v1.28`,
  `**Is your feature request related to a problem?**
I always have to export reports manually every Monday.

**Describe the solution you'd like**
A scheduled export option.

**Additional context**
Version 5.2.0, self-hosted with Docker Compose.`,
  `### What happened?

The README says to run make install but the target is called make setup.

### What did you expect to happen?

Docs match the Makefile.

### Environment

- Version: main branch
- OS: macOS 14`,
  `**Describe the bug**
The date picker shows Sunday as the first day of the week even though my locale is de-DE.

**Steps to reproduce**
Open any form with a date field.

**Expected behavior**
Monday first.

**Version**
1.18.0 (Helm chart 1.18.0 on Kubernetes 1.27)`,
  `Question: is it possible to run the operator in a single namespace instead of cluster-wide? We are on Kubernetes 1.29 and installed the chart version 0.9.2 with default values.`,
  `### Describe the enhancement

Add a --dry-run flag to the import command so we can preview changes.

### Additional context

Go version go1.22.1, linux/amd64, release v0.14.0.`,
  `**Describe the bug**
The tooltip text on the upload button is cut off on small screens.

**Screenshots**
Attached.

**Desktop**
- OS: Ubuntu 22.04
- Browser: Chrome 124
- Version: 3.0.2`,
  `### Proposal

Publish multi-arch images (amd64 and arm64) for the next release so we can deploy the chart on Graviton nodes.

### Kubernetes version

v1.28.5 (EKS)`,
  `Release checklist for v2.6.0: bump chart version, update CHANGELOG, tag the release, publish the Helm chart, announce in the community channel.`,
];
