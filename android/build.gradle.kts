// The imbridge Android library (AAR): the Rust core built by cargo-ndk for
// arm64-v8a, armeabi-v7a and x86_64, the UniFFI-generated Kotlin, and the
// idiomatic Kotlin layer. It depends on JNA only and bundles no vendor
// push SDK: tokens arrive as strings from whatever SDK the app chose.
//
// Needs: Android SDK + NDK (ANDROID_NDK_HOME), Rust with the three Android
// targets (`rustup target add aarch64-linux-android armv7-linux-androideabi
// x86_64-linux-android`) and cargo-ndk (`cargo install cargo-ndk`).
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.3.21"
}

val repoRoot = rootDir.parentFile
val rustJniLibs = layout.buildDirectory.dir("rustJniLibs")
val generatedKotlin = layout.buildDirectory.dir("generated/uniffi/kotlin")

android {
    namespace = "io.imbridge"
    compileSdk = 35

    defaultConfig {
        // 24, not 21: JNA (5.15 and later, pinned 5.18.1) uses
        // java.util.function from com.sun.jna.Structure, which Android has
        // from API 24 (Android 7) only. README, "Minimum platforms".
        minSdk = 24
        consumerProguardFiles("consumer-rules.pro")
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets {
        getByName("main") {
            // src/main/kotlin is JVM-safe (also compiled and tested on the host
            // JVM by tests/kotlin); src/android/kotlin holds Android-only code.
            kotlin.srcDirs("src/main/kotlin", "src/android/kotlin", generatedKotlin)
            jniLibs.srcDirs(rustJniLibs)
        }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // The @aar variant carries JNA's own native dispatch libraries for Android.
    // 5.18.1: the first with the Structure field-order race fixed.
    implementation("net.java.dev.jna:jna:5.18.1@aar")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.10.2")
}

/** Builds libimbridge.so for every ABI into build/rustJniLibs/<abi>/. */
val cargoBuild by tasks.registering(Exec::class) {
    workingDir = repoRoot
    commandLine(
        "cargo", "ndk",
        "-t", "arm64-v8a", "-t", "armeabi-v7a", "-t", "x86_64",
        "--platform", "21",
        "-o", rustJniLibs.get().asFile.absolutePath,
        "build", "--release", "-p", "imbridge-ffi", "--lib",
    )
}

/** Generates the Kotlin bindings with the workspace's own uniffi-bindgen. */
val generateBindings by tasks.registering(Exec::class) {
    workingDir = repoRoot
    val out = generatedKotlin.get().asFile
    doFirst { out.deleteRecursively() }
    commandLine(
        "bash", "-c",
        "cargo build -q -p imbridge-ffi --lib && " +
            "cargo run -q -p imbridge-ffi --features bindgen --bin uniffi-bindgen -- " +
            "generate --library target/debug/libimbridge.so --language kotlin --no-format --out-dir '${out.absolutePath}'",
    )
}

tasks.named("preBuild") {
    dependsOn(cargoBuild, generateBindings)
}
