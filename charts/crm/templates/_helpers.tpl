{{/*
Chart name, truncated to the 63-character DNS label limit.
*/}}
{{- define "crm.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every resource name: the release name, plus the chart name unless the release name
already contains it. Truncated so "<fullname>-<service>-migrate" stays a valid name.
*/}}
{{- define "crm.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 24 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 24 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 24 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "crm.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource. Takes the root context.
*/}}
{{- define "crm.labels" -}}
helm.sh/chart: {{ include "crm.chart" . }}
app.kubernetes.io/name: {{ include "crm.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: crm
{{- end }}

{{/*
Selector labels of one service. Takes (dict "root" $ "name" <service name>).
*/}}
{{- define "crm.selectorLabels" -}}
app.kubernetes.io/name: {{ include "crm.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
All labels of one service's resources. Takes (dict "root" $ "name" <service name>).
*/}}
{{- define "crm.componentLabels" -}}
{{ include "crm.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
Name of one service's resources. Takes (dict "root" $ "name" <service name>).
*/}}
{{- define "crm.componentName" -}}
{{- printf "%s-%s" (include "crm.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of the headless Service of one gRPC service. Takes (dict "root" $ "name" <service name>).
*/}}
{{- define "crm.headlessName" -}}
{{- printf "%s-headless" (include "crm.componentName" .) }}
{{- end }}

{{/*
Target URI gRPC clients dial to reach one service: the DNS resolver on its headless Service, so
they see every ready pod and balance across them. Takes (dict "root" $ "name" <service> "port" <grpc port>).
*/}}
{{- define "crm.grpcAddress" -}}
{{- printf "dns:///%s.%s.svc.%s:%d" (include "crm.headlessName" .) .root.Release.Namespace .root.Values.clusterDomain (int .port) }}
{{- end }}

{{/*
Enabled services allowed to call one service's gRPC port: those naming it in `upstreams`, plus its
own `callers`, sorted and unique, as a YAML list. Takes (dict "root" $ "svc" <resolved service>).
*/}}
{{- define "crm.grpcCallers" -}}
{{- $root := .root }}
{{- $target := .svc.name }}
{{- $callers := list }}
{{- range $name := include "crm.enabledServices" $root | fromYamlArray }}
{{- $caller := include "crm.service" (dict "root" $root "name" $name) | fromYaml }}
{{- range $envName, $upstream := $caller.upstreams }}
{{- if eq $upstream $target }}
{{- $callers = append $callers $name }}
{{- end }}
{{- end }}
{{- end }}
{{- range $name := .svc.callers }}
{{- $caller := include "crm.service" (dict "root" $root "name" $name) | fromYaml }}
{{- if $caller.enabled }}
{{- $callers = append $callers $name }}
{{- end }}
{{- end }}
{{- toYaml ($callers | uniq | sortAlpha) }}
{{- end }}

{{- define "crm.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}
{{- end }}

{{- define "crm.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "crm.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Deep-merges .override into .base in place: maps merge key by key, anything else replaces.
Written by hand because sprig's merge/mergeOverwrite skip "empty" values, which would
silently turn `replicas: 0` or `enabled: false` back into the defaults.
*/}}
{{- define "crm.mergeInto" -}}
{{- $base := .base }}
{{- range $key, $value := .override }}
{{- $current := get $base $key }}
{{- if and (kindIs "map" $value) (kindIs "map" $current) }}
{{- include "crm.mergeInto" (dict "base" $current "override" $value) }}
{{- else if not (kindIs "invalid" $value) }}
{{- $_ := set $base $key $value }}
{{- end }}
{{- end }}
{{- end }}

{{/*
One service's effective settings (serviceDefaults merged with services.<name>) as YAML, with
its `name` and the resolved `command` and migrations `command`.
Takes (dict "root" $ "name" <service name>); read it with `| fromYaml`.
*/}}
{{- define "crm.service" -}}
{{- $entry := get .root.Values.services .name }}
{{- if not (kindIs "map" $entry) }}
{{- fail (printf "services.%s is not defined" .name) }}
{{- end }}
{{- $svc := deepCopy .root.Values.serviceDefaults }}
{{- include "crm.mergeInto" (dict "base" $svc "override" $entry) }}
{{- $_ := set $svc "name" .name }}
{{- if not $svc.command }}
{{- $_ := set $svc "command" (concat (list "node") $svc.nodeArgs (list (printf "services/%s/dist/main.js" .name))) }}
{{- end }}
{{- if not $svc.migrations.command }}
{{- $_ := set $svc.migrations "command" (list "node" (printf "services/%s/dist/migrate.js" .name)) }}
{{- end }}
{{- if not $svc.migrations.connections }}
{{- $_ := set $svc.migrations "connections" $svc.connections }}
{{- end }}
{{- /* After the migrations default: the Jobs need none of the common connections. */}}
{{- $_ := set $svc "connections" (concat $svc.connections (default (list) .root.Values.commonConnections) | uniq) }}
{{- toYaml $svc }}
{{- end }}

{{/*
Names of the enabled services, sorted, as a YAML list. Takes the root context.
*/}}
{{- define "crm.enabledServices" -}}
{{- $names := list }}
{{- range $name := keys .Values.services | sortAlpha }}
{{- $svc := include "crm.service" (dict "root" $ "name" $name) | fromYaml }}
{{- if $svc.enabled }}
{{- $names = append $names $name }}
{{- end }}
{{- end }}
{{- toYaml $names }}
{{- end }}

{{/*
Non-secret environment of one service, as a YAML map of strings: commonEnv, the service's
env, its listening ports and its upstream addresses. Empty values are dropped (unset).
Takes (dict "root" $ "svc" <resolved service>).
*/}}
{{- define "crm.configEnv" -}}
{{- $root := .root }}
{{- $svc := .svc }}
{{- $env := dict }}
{{- range $key, $value := $root.Values.commonEnv }}
{{- $_ := set $env $key $value }}
{{- end }}
{{- range $key, $value := $svc.env }}
{{- $_ := set $env $key $value }}
{{- end }}
{{- range $portName, $port := $svc.ports }}
{{- $envName := get $svc.portEnv $portName }}
{{- if $envName }}
{{- $_ := set $env $envName (int $port) }}
{{- end }}
{{- end }}
{{- range $envName, $target := $svc.upstreams }}
{{- $upstream := include "crm.service" (dict "root" $root "name" $target) | fromYaml }}
{{- if not $upstream.enabled }}
{{- fail (printf "services.%s.upstreams.%s points at %s, which is disabled" $svc.name $envName $target) }}
{{- end }}
{{- if not (hasKey $upstream.ports "grpc") }}
{{- fail (printf "services.%s.upstreams.%s points at %s, which has no grpc port" $svc.name $envName $target) }}
{{- end }}
{{- $_ := set $env $envName (include "crm.grpcAddress" (dict "root" $root "name" $target "port" $upstream.ports.grpc)) }}
{{- end }}
{{- $out := dict }}
{{- range $key, $value := $env }}
{{- if not (kindIs "invalid" $value) }}
{{- if ne (toString $value) "" }}
{{- $_ := set $out $key (toString $value) }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/*
Fills in, once per render, the variables a connection lists under `generate` that were left
empty (connections with an existingSecret excepted): the value already in the release's
connections Secret when there is one, so upgrades keep it, otherwise randAlphaNum 48. Stored back
into .Values, which every template of the render shares, so the Secret, the secretKeyRefs and the
checksum annotations all see the same value. `helm template` has no cluster to look in and
generates a new value every time. Takes the root context; renders nothing.
*/}}
{{- define "crm.generateSecrets" -}}
{{- $root := . }}
{{- range $name := keys .Values.connections | sortAlpha }}
{{- $conn := get $root.Values.connections $name }}
{{- if and $conn (not $conn.existingSecret) }}
{{- range $envName := default (list) $conn.generate }}
{{- $value := get $conn.env $envName }}
{{- if or (kindIs "invalid" $value) (eq (toString $value) "") }}
{{- $current := lookup "v1" "Secret" $root.Release.Namespace (printf "%s-connections" (include "crm.fullname" $root)) }}
{{- $kept := dig "data" $envName "" $current }}
{{- if $kept }}
{{- $_ := set $conn.env $envName (b64dec $kept) }}
{{- else }}
{{- $_ := set $conn.env $envName (randAlphaNum 48) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Data of the chart-managed connections Secret: every non-empty variable of the connections that
use no existingSecret, as a YAML map of strings. Takes the root context.
*/}}
{{- define "crm.connectionSecretData" -}}
{{- include "crm.connectionSecretDataOf" (dict "root" . "connections" (keys .Values.connections)) }}
{{- end }}

{{/*
The same, restricted to the named connections. Takes (dict "root" $ "connections" <names>).
*/}}
{{- define "crm.connectionSecretDataOf" -}}
{{- $root := .root }}
{{- $_ := include "crm.generateSecrets" $root }}
{{- $data := dict }}
{{- range $name := .connections | uniq | sortAlpha }}
{{- $conn := get $root.Values.connections $name }}
{{- if and $conn (not $conn.existingSecret) }}
{{- range $envName, $value := $conn.env }}
{{- if and (not (kindIs "invalid" $value)) (ne (toString $value) "") }}
{{- $_ := set $data $envName (toString $value) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $data }}
{{- end }}

{{/*
EnvVar entries of a service's connections, each a secretKeyRef.
Takes (dict "root" $ "svc" <resolved service> "secretName" <chart-managed Secret to read>).
*/}}
{{- define "crm.connectionEnv" -}}
{{- $root := .root }}
{{- $_ := include "crm.generateSecrets" $root }}
{{- $secretName := .secretName }}
{{- range $connName := .svc.connections }}
{{- $conn := get $root.Values.connections $connName }}
{{- if not $conn }}
{{- fail (printf "connection %q is not defined under connections" $connName) }}
{{- end }}
{{- range $envName, $value := $conn.env }}
{{- if $conn.existingSecret }}
- name: {{ $envName }}
  valueFrom:
    secretKeyRef:
      name: {{ $conn.existingSecret }}
      key: {{ get (default (dict) $conn.existingSecretKeys) $envName | default $envName }}
{{- else if and (not (kindIs "invalid" $value)) (ne (toString $value) "") }}
- name: {{ $envName }}
  valueFrom:
    secretKeyRef:
      name: {{ $secretName }}
      key: {{ $envName }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Connections used by enabled services that provide no variable at all. Takes the root context;
returns a YAML list of "<service>: <connection>" strings.
*/}}
{{- define "crm.unconfiguredConnections" -}}
{{- $root := . }}
{{- $_ := include "crm.generateSecrets" $root }}
{{- $missing := list }}
{{- range $name := include "crm.enabledServices" $root | fromYamlArray }}
{{- $svc := include "crm.service" (dict "root" $root "name" $name) | fromYaml }}
{{- range $connName := $svc.connections }}
{{- $conn := get $root.Values.connections $connName }}
{{- if and $conn (not $conn.existingSecret) }}
{{- $set := false }}
{{- range $envName, $value := $conn.env }}
{{- if and (not (kindIs "invalid" $value)) (ne (toString $value) "") }}
{{- $set = true }}
{{- end }}
{{- end }}
{{- if not $set }}
{{- $missing = append $missing (printf "%s: %s" $name $connName) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $missing }}
{{- end }}

{{/*
Pod security context, volumes and container security settings shared by Deployments and Jobs.
Takes the resolved service.
*/}}
{{- define "crm.podVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .tmpSizeLimit }}
{{- with .extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "crm.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- with .extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end }}
