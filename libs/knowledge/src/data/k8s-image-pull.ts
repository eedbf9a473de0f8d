import { type RootCauseEntryInput } from '../knowledge.schema';

export const k8sImagePull: RootCauseEntryInput = {
  id: 'k8s-image-pull',
  title: { en: 'Image cannot be pulled (ErrImagePull / ImagePullBackOff)', zh: '镜像拉取失败（ErrImagePull / ImagePullBackOff）' },
  summary: {
    en: 'The pod is scheduled but its container never starts because the kubelet cannot pull the image: a wrong tag or digest (manifest unknown / not found), a private registry without imagePullSecrets or with expired credentials (unauthorized, pull access denied), the Docker Hub pull rate limit (toomanyrequests), no manifest for the node\'s architecture, or the registry unreachable. The container waits in ErrImagePull then ImagePullBackOff with growing back-off.',
    zh: 'Pod 已调度，但 kubelet 拉不到镜像，容器始终无法启动：tag 或 digest 写错（manifest unknown / not found）、私有仓库没有 imagePullSecrets 或凭据过期（unauthorized、pull access denied）、Docker Hub 拉取限流（toomanyrequests）、没有对应节点架构的 manifest、仓库不可达。容器先是 ErrImagePull，随后 ImagePullBackOff，退避时间逐渐变长。',
  },
  signals: [
    { source: 'kubectl', text: 'STATUS ErrImagePull / ImagePullBackOff; Warning Failed ... Failed to pull image "...": rpc error: code = NotFound / Unknown' },
    { source: 'kubectl', text: 'Normal BackOff Back-off pulling image "..."; Warning Failed Error: ImagePullBackOff' },
    { source: 'log', text: 'manifest unknown, not found, pull access denied, repository does not exist or may require docker login, unauthorized: authentication required, no basic auth credentials, toomanyrequests: You have reached your pull rate limit, no matching manifest for linux/arm64' },
    { source: 'alert', text: 'KubeContainerWaiting with reason ImagePullBackOff (kube_pod_container_status_waiting_reason{reason=~"ErrImagePull|ImagePullBackOff"})' },
  ],
  alertRules: ['KubePodImagePullBackOff', 'KubernetesImagePullBackOff', 'ContainerImagePullBackOff'],
  relatedAlertRules: ['KubeContainerWaiting', 'KubePodNotReady', 'KubeDeploymentReplicasMismatch', 'KubeDeploymentRolloutStuck'],
  confusableWith: [
    { classId: 'k8s-crashloop', howToTell: 'CrashLoopBackOff means the image ran and the process exited; ImagePullBackOff means it never got the image.' },
    { classId: 'tls-cert-expiry', howToTell: 'x509 errors while pulling from a registry with a custom CA are a trust problem of the pull; only an expired certificate is tls-cert-expiry.' },
    { classId: 'dns-failure', howToTell: 'If the pull fails with "no such host" for the registry, the cause is DNS; most pull failures are tag, auth or rate limit.' },
  ],
  runbook: [
    { title: 'Read the pull error in the events', command: "kubectl -n $NAMESPACE describe pod $POD | grep -E -A2 'Failed|BackOff|Pulling'", why: 'The error text tells tag/manifest, auth, rate limit or network apart.' },
    { title: 'Check the image reference exists', command: 'crane digest $IMAGE || skopeo inspect docker://$IMAGE | jq .Digest\ncrane ls $REPOSITORY | tail', why: 'manifest unknown / not found means the tag was never pushed or was deleted.' },
    { title: 'Check pull credentials', command: "kubectl -n $NAMESPACE get pod $POD -o jsonpath='{.spec.imagePullSecrets}'\nkubectl -n $NAMESPACE get secret $PULL_SECRET -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d | jq '.auths | keys'", why: 'A missing or stale secret gives unauthorized / pull access denied.' },
    { title: 'Try the pull on the node', command: 'kubectl debug node/$NODE -it --image=busybox -- chroot /host crictl pull $IMAGE', why: 'Reproduces the exact error from the node, including rate limits and architecture mismatches.' },
    { title: 'Fix the reference and roll out', command: 'kubectl -n $NAMESPACE set image deployment/$DEPLOYMENT $CONTAINER=$IMAGE_WITH_GOOD_TAG\nkubectl -n $NAMESPACE rollout status deployment/$DEPLOYMENT', why: 'Point at a pushed tag or digest (or mirror the image) and watch the rollout finish.' },
  ],
  verification: [
    { name: 'Containers waiting on image pulls', promql: 'sum by (namespace, pod) (kube_pod_container_status_waiting_reason{reason=~"ErrImagePull|ImagePullBackOff"})', expect: '1 per affected container while broken; 0 after.' },
    { name: 'Rollout progress', promql: 'kube_deployment_status_replicas_updated{namespace="$NAMESPACE", deployment="$DEPLOYMENT"} / kube_deployment_spec_replicas{namespace="$NAMESPACE", deployment="$DEPLOYMENT"}', expect: 'Stuck below 1 while new pods cannot pull; reaches 1 after.' },
    { name: 'Kubelet image pull errors', promql: 'sum by (instance) (rate(kubelet_runtime_operations_errors_total{operation_type="pull_image"}[5m]))', expect: 'Non-zero during the incident; zero once pulls succeed.' },
  ],
  rollback: [
    'Roll back to the previous image: kubectl -n $NAMESPACE rollout undo deployment/$DEPLOYMENT.',
    'If a new pull secret was added, keep the old one until all namespaces use the new one.',
    'If images were mirrored to avoid rate limits, keep the mirror in place until registry auth is fixed.',
  ],
  examples: [
    `NAME                            READY   STATUS             RESTARTS   AGE
notifier-5f7d8c9b6-hx2qv         0/1     ImagePullBackOff   0          14m
notifier-5f7d8c9b6-zt8wm         0/1     ErrImagePull       0          14m`,
    `Warning  Failed     2m (x4 over 4m)   kubelet  Failed to pull image "registry.acme.io/shop/cart:v3.2.1": rpc error: code = NotFound desc = failed to pull and unpack image "registry.acme.io/shop/cart:v3.2.1": failed to resolve reference "registry.acme.io/shop/cart:v3.2.1": registry.acme.io/shop/cart:v3.2.1: not found
Warning  Failed     2m (x4 over 4m)   kubelet  Error: ErrImagePull
Normal   BackOff    90s (x6 over 4m)  kubelet  Back-off pulling image "registry.acme.io/shop/cart:v3.2.1"`,
    `镜像拉不下来，ImagePullBackOff，describe 里是 pull access denied for myorg/api, repository does not exist or may require 'docker login'，namespace 里没配 imagePullSecrets。`,
    `Failed to pull image "nginx:1.25": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.25": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:...: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.`,
    `Our CI pushed the image with tag 1.8.0 but the Helm values reference v1.8.0. Every new pod sits in ErrImagePull: manifest unknown.`,
    `Failed to pull image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:2024.05.1": rpc error: code = Unknown desc = Error response from daemon: Get https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/v2/api/manifests/2024.05.1: no basic auth credentials`,
    `The new ARM nodes can't run the agent: "no matching manifest for linux/arm64/v8 in the manifest list entries". The image is published for amd64 only, so the DaemonSet pods on those nodes stay in ImagePullBackOff.`,
    `拉镜像失败：unauthorized: authentication required，harbor 的机器人账号密码过期了，imagePullSecret 没更新。`,
    `KubeContainerWaiting: pod web/frontend-7b6c-2xq container frontend in waiting state for longer than 1 hour (reason="ImagePullBackOff").`,
    `Warning  Failed  kubelet  Failed to pull image "ghcr.io/acme/worker@sha256:9f1c...": rpc error: code = Unknown desc = failed to resolve reference: unexpected status from HEAD request: 403 Forbidden`,
    `Deployment rollout stuck: the new ReplicaSet's pods are all ImagePullBackOff because the tag was built in a private project the cluster's pull secret has no access to.`,
    `Normal   Pulling    8m (x5 over 11m)  kubelet  Pulling image "quay.io/acme/ingest:latest"
Warning  Failed     8m (x5 over 11m)  kubelet  Failed to pull image "quay.io/acme/ingest:latest": rpc error: code = Unknown desc = reading manifest latest in quay.io/acme/ingest: manifest unknown`,
    `Anonymous pulls from Docker Hub are rate limited per IP and all our nodes share one NAT gateway. During a large scale-up half the pods were stuck with ImagePullBackOff (toomanyrequests).`,
    `InvalidImageName: Failed to apply default image tag "registry.acme.io/api:": couldn't parse image reference — the tag variable was empty in the pipeline.`,
    `ErrImagePull: rpc error: code = Unknown desc = Error response from daemon: pull access denied for acme/internal-tool, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    `image pull 失败，报 toomanyrequests，docker hub 限速了，建议把基础镜像同步到内部 harbor。`,
    `After rotating the registry password, all new pods in the staging namespace fail to pull: "failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized".`,
    `The image is 8GB and the kubelet's pull times out on slow nodes: "context deadline exceeded" while pulling, then Back-off pulling image. Smaller image or pre-pulling fixed it.`,
    `ImagePullBackOff after the registry migration: the old hostname registry.old.acme.io is still in three deployments, and that registry has been shut down.`,
    `The pod never starts; status is ErrImageNeverPull because imagePullPolicy is Never and the image isn't preloaded on the node.`,
    `我们把镜像 tag 改成 commit sha，结果 values 文件里填错了一位，pod 一直 ImagePullBackOff，事件里是 not found。`,
    `Failed to pull image "private.registry.local:5000/app:1.0": rpc error: code = Unknown desc = failed to do request: Head "https://private.registry.local:5000/v2/app/manifests/1.0": http: server gave HTTP response to HTTPS client`,
    `kube_pod_container_status_waiting_reason{reason="ErrImagePull", namespace="ml", pod="trainer-6c9-7s2"} 1 — wrong image tag in the job spec.`,
    `Pods of the new release are stuck in ContainerCreating then ImagePullBackOff; the node's containerd log says: failed to pull image: unexpected status code 401 Unauthorized from the GitLab registry — the deploy token expired yesterday.`,
    `Error: ImagePullBackOff
kubelet  Back-off pulling image "acme/reporting:2.0.0-rc1"
The tag exists only in the dev registry; production pulls from Docker Hub where it was never published.`,
    `镜像仓库地址写成了内网域名，新集群的节点访问不了，拉取超时，pod 卡在 ErrImagePull，然后进入 ImagePullBackOff。`,
    `[FIRING] KubePodImagePullBackOff namespace=payments pod=fraud-scorer-6dd8f-k2p9c image=registry.acme.io/fraud/scorer:4.1 reason=ImagePullBackOff`,
    `Warning  Failed  12s  kubelet  Failed to pull image "quay.io/acme/api:v2": rpc error: code = Unknown desc = Error response from daemon: unauthorized: access to the requested resource is not authorized`,
    `The deployment can't start because the image tag doesn't exist in the registry: ErrImagePull, then ImagePullBackOff on every pod.`,
    `Pulling from Docker Hub without credentials hits the rate limit during node autoscaling; new nodes can't pull our base images (429 Too Many Requests).`,
    `### What happened?

The new release references image ghcr.io/acme/agent:v3.0.0 which was never published; pods are stuck in ImagePullBackOff with manifest unknown.

### What did you expect to happen?

Pods start with the released image.

### How can we reproduce it?

helm install the 3.0.0 chart.

### Kubernetes version

v1.29.0`,
  ],
};
