#!/usr/bin/env bash
# Runs the whole suite on this machine without Docker: PostgreSQL (one database per service),
# Kafka (KRaft), Keycloak with the demo realm (deploy/keycloak/kvalitet-realm.json plus the demo
# overlay of platform/localstack: demo users and a pinned demo signing key), the four services and
# the gateway, each its own process. Needs only a JDK 17 and Maven (through ./mvnw).
#
#   ./run-local.sh [--build] [--demo] [--fresh] [--no-keycloak] [--infra-only] [--full-jit] [--help]
#
# Builds first when a packaged service or the launcher is missing (or with --build).
set -euo pipefail
cd "$(dirname "$0")"

modules=(deviation-service process-registry-service followup-service report-service gateway)
launcher=platform/localstack/target/platform-localstack-runner.jar

build=0
for arg in "$@"; do
  [[ "$arg" == "--build" ]] && build=1
done
[[ -f "$launcher" ]] || build=1
for m in "${modules[@]}"; do
  [[ -f "$m/target/quarkus-app/quarkus-run.jar" ]] || build=1
done

if [[ $build == 1 ]]; then
  echo "Building the suite (tests skipped; run them with ./mvnw -B verify) ..."
  # package, not install: the launcher runs the jars under target/, and ~/.m2 stays as it was
  ./mvnw -B -q package -DskipTests -DskipITs
fi

# the launcher's JVM hosts Kafka: C1 only and the serial collector start it quicker on a small machine
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=240m -jar "$launcher" "$@"
