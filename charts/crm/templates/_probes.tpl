{{/*
Startup, liveness and readiness probes of one service: native gRPC health checks on the `grpc`
port, or httpGet on the `http` port (paths in values.yaml, with why readiness is not /readyz).
Takes the resolved service.
*/}}
{{- define "crm.probes" -}}
{{- $probe := .probe }}
{{- if eq $probe.type "grpc" }}
{{- if not (hasKey .ports "grpc") }}
{{- fail (printf "services.%s uses grpc probes but has no grpc port" .name) }}
{{- end }}
{{- $check := dict "grpc" (dict "port" (int .ports.grpc)) }}
startupProbe:
  {{- toYaml $check | nindent 2 }}
  periodSeconds: {{ int $probe.periodSeconds }}
  timeoutSeconds: {{ int $probe.timeoutSeconds }}
  failureThreshold: {{ int $probe.startupFailureThreshold }}
livenessProbe:
  {{- toYaml $check | nindent 2 }}
  periodSeconds: {{ int $probe.periodSeconds }}
  timeoutSeconds: {{ int $probe.timeoutSeconds }}
  failureThreshold: {{ int $probe.failureThreshold }}
readinessProbe:
  {{- toYaml $check | nindent 2 }}
  periodSeconds: {{ int $probe.periodSeconds }}
  timeoutSeconds: {{ int $probe.timeoutSeconds }}
  failureThreshold: {{ int $probe.failureThreshold }}
{{- else }}
{{- if not (hasKey .ports "http") }}
{{- fail (printf "services.%s uses http probes but has no http port" .name) }}
{{- end }}
startupProbe:
  httpGet:
    path: {{ $probe.startupPath }}
    port: http
  periodSeconds: {{ int $probe.periodSeconds }}
  timeoutSeconds: {{ int $probe.timeoutSeconds }}
  failureThreshold: {{ int $probe.startupFailureThreshold }}
livenessProbe:
  httpGet:
    path: {{ $probe.livenessPath }}
    port: http
  periodSeconds: {{ int $probe.periodSeconds }}
  timeoutSeconds: {{ int $probe.timeoutSeconds }}
  failureThreshold: {{ int $probe.failureThreshold }}
readinessProbe:
  httpGet:
    path: {{ $probe.readinessPath }}
    port: http
  periodSeconds: {{ int $probe.periodSeconds }}
  timeoutSeconds: {{ int $probe.timeoutSeconds }}
  failureThreshold: {{ int $probe.failureThreshold }}
{{- end }}
{{- end }}
