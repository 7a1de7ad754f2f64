#!/usr/bin/env bash
# A release build of an app that uses imbridge, on the JVM: the app in
# tests/consumers/shrunk (outside the source tree, depending on the
# installed io.imbridge:imbridge-jvm only) is shrunk, optimised and
# obfuscated by ProGuard together with all its dependencies, with no keep
# rule of its own — imbridge's rules come from META-INF/proguard in its jar,
# as R8 and ProGuard read them in an Android release build — and then run.
# It exercises calls, listeners, the log callback, every error accessor and
# the outbox driver on coroutines; any of them broken by shrinking fails it.
#
# Needs io.imbridge:imbridge-jvm in the local Maven repository
# (scripts/check-consumers.sh installs it first).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap '[ -n "${IMBRIDGE_KEEP_SCRATCH:-}" ] || rm -rf "$scratch"' EXIT

cp -r "$root/tests/consumers/shrunk" "$scratch/app"
cd "$scratch/app"
mvn -B -ntp -q package -Dimbridge.version="$(bash "$root/scripts/version.sh")"
mvn -B -ntp -q -f proguard/pom.xml dependency:build-classpath -Dmdep.outputFile="$scratch/proguard.cp"

java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
inputs=(-injars target/chat-shrunk-1.0.jar)
rules=()
mkdir -p "$scratch/rules"
for jar in target/libs/*.jar; do
  # Multi-release and module descriptors are not classes ProGuard can place.
  inputs+=(-injars "$jar(!META-INF/versions/**,!module-info.class)")
  # R8 applies a dependency's META-INF/proguard/*.pro by itself; standalone
  # ProGuard needs them named, which is what the app's build tool does.
  for pro in $(unzip -Z1 "$jar" 'META-INF/proguard/*.pro' 2>/dev/null || true); do
    out="$scratch/rules/$(basename "$jar" .jar)-$(basename "$pro")"
    unzip -p "$jar" "$pro" >"$out"
    rules+=(-include "$out")
  done
done
libraries=()
for module in java.base java.logging java.desktop java.management java.instrument jdk.unsupported; do
  libraries+=(-libraryjars "$java_home/jmods/$module.jmod(!**.jar;!module-info.class)")
done

echo "==> ProGuard: shrink, optimise, obfuscate (the app's own rules: tests/consumers/shrunk/app.pro)"
java -cp "$(cat "$scratch/proguard.cp")" proguard.ProGuard \
  @app.pro ${IMBRIDGE_PROGUARD_OPTIONS:-} "${rules[@]}" "${inputs[@]}" "${libraries[@]}" -outjars "$scratch/shrunk.jar" \
  -dontnote "**" -printconfiguration "$scratch/applied.pro" -printmapping "$scratch/mapping.txt" >"$scratch/proguard.log" 2>&1 || { tail -n 40 "$scratch/proguard.log"; exit 1; }
tail -n 3 "$scratch/proguard.log"

# The shrinker must have applied imbridge's shipped rules, and renamed the
# app's classes (else this is not the build an app ships).
echo "rules from the dependencies' jars: $(cd "$scratch/rules" && ls | tr '\n' ' ')"
grep -q "keep class io.imbridge" "$scratch/applied.pro" || {
  echo "check-shrunk-consumer: imbridge's META-INF/proguard rules were not applied" >&2; exit 1; }
grep -qE '^kotlinx\.coroutines\.[A-Za-z.]+ -> [a-z]' "$scratch/mapping.txt" || {
  echo "check-shrunk-consumer: nothing was obfuscated" >&2; exit 1; }
before=$(cat target/chat-shrunk-1.0.jar target/libs/*.jar | wc -c)
after=$(wc -c <"$scratch/shrunk.jar")
echo "shrunk: $before -> $after bytes (app and all its dependencies)"

echo "==> run the shrunk app"
timeout 300 java -cp "$scratch/shrunk.jar" com.example.chat.AppKt | tee "$scratch/run.log"
grep -q 'shrunk consumer: all passed' "$scratch/run.log"
