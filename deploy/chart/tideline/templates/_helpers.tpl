{{/* The chart's name, capped as Kubernetes names are. */}}
{{- define "tideline.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name: the release name, suffixed with the chart's unless it already has it. */}}
{{- define "tideline.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the pods; never change them, Deployments cannot. */}}
{{- define "tideline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tideline.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "tideline.labels" -}}
{{ include "tideline.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tideline
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The ServiceAccount the pods run as. */}}
{{- define "tideline.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tideline.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The namespace of the engine's leader Lease: the engine keeps it in flux-system, where Flux keeps
its controllers' (packages/core/src/runtime/coordination.ts).
*/}}
{{- define "tideline.engineNamespace" -}}flux-system{{- end -}}

{{/* Host headers the server answers: the Service's DNS names, ingress.host, then server.allowedHosts. */}}
{{- define "tideline.allowedHosts" -}}
{{- $svc := include "tideline.fullname" . -}}
{{- $hosts := list $svc (printf "%s.%s" $svc .Release.Namespace) (printf "%s.%s.svc" $svc .Release.Namespace) (printf "%s.%s.svc.cluster.local" $svc .Release.Namespace) -}}
{{- if and .Values.ingress.enabled .Values.ingress.host -}}
{{- $hosts = append $hosts .Values.ingress.host -}}
{{- end -}}
{{- range .Values.server.allowedHosts -}}
{{- $hosts = append $hosts . -}}
{{- end -}}
{{- toJson (uniq $hosts) -}}
{{- end -}}

{{/* The PodDisruptionBudget API the cluster serves (policy/v1 from Kubernetes 1.21). */}}
{{- define "tideline.pdbApiVersion" -}}
{{- if semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version -}}policy/v1{{- else -}}policy/v1beta1{{- end -}}
{{- end -}}

