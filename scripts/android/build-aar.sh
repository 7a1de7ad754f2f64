#!/usr/bin/env bash
# imbridge-android-<version>.aar and its POM, in DIST_DIR, then installed
# into the file-based Maven repository DIST_DIR/maven (what an app's Gradle
# can point at until the library is published):
#   classes.jar          the Kotlin (src/main + src/android + generated
#                        bindings) compiled against Android 15 by android/pom.xml
#   jni/<abi>/libimbridge.so  for every ABI in IMBRIDGE_ANDROID_ABIS
#                        (default: arm64-v8a armeabi-v7a x86_64 x86), linked
#                        without the NDK and verified (build-so.sh)
#   AndroidManifest.xml, proguard.txt (consumer R8 rules), R.txt (empty)
#
#   build-aar.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$1; version=$2
abis=(${IMBRIDGE_ANDROID_ABIS:-arm64-v8a armeabi-v7a x86_64 x86})

work=$root/target/aar
rm -rf "$work"
mkdir -p "$work/jni"
for abi in "${abis[@]}"; do
  echo "==> libimbridge.so for $abi"
  bash "$here/build-so.sh" "$abi" "$work/jni"
done

echo "==> classes.jar (Kotlin against Android 15)"
mvn -B -ntp -q -f "$root/android/pom.xml" -DskipTests package
cp "$root/android/target/imbridge-android-classes-$version.jar" "$work/classes.jar"

cat >"$work/AndroidManifest.xml" <<EOM
<?xml version="1.0" encoding="utf-8"?>
<!-- No permissions and no components: imbridge holds rules, not services. -->
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="io.imbridge">
    <uses-sdk android:minSdkVersion="24" />
</manifest>
EOM
cp "$root/android/consumer-rules.pro" "$work/proguard.txt"
: >"$work/R.txt"

aar=$dist/imbridge-android-$version.aar
rm -f "$aar"
(cd "$work" && find AndroidManifest.xml classes.jar proguard.txt R.txt jni -type f | LC_ALL=C sort | zip -X -q "$aar" -@)

pom=$dist/imbridge-android-$version.pom
python3 "$root/scripts/maven/write_pom.py" imbridge-android "$version" "$pom"

mvn -B -ntp -q install:install-file -Dfile="$aar" -DpomFile="$pom" -Dpackaging=aar \
  -DlocalRepositoryPath="$dist/maven"
echo "built $aar ($(stat -c %s "$aar") bytes; ABIs: ${abis[*]}); installed into $dist/maven"
unzip -l "$aar"
