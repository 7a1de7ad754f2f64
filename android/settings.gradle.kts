// Standalone build of the imbridge Android library (AAR).
// Apps usually include this module from their own settings.gradle.kts:
//   include(":imbridge"); project(":imbridge").projectDir = file("path/to/imbridge/android")
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "imbridge"
