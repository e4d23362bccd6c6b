//! Builds the Swift library's C ABI (the `CWasmSpec` product of the Swift package this
//! crate sits in) with `swift build`, and links it.
//!
//! - The package root is `WASM_SPEC_PACKAGE`, or the nearest folder above this crate
//!   with a `Package.swift` (the crate lives at `bindings/rust`).
//! - `swift` is `$SWIFT`, else the one on `PATH`, else `/opt/swift/usr/bin/swift`.
//! - The Swift configuration follows Cargo's profile (debug or release);
//!   `WASM_SPEC_SWIFT_CONFIG=debug|release` overrides it.
//! - The library is built in `<package>/.build-rust` and its SONAME is its absolute
//!   path, so every binary that links it, in this crate or a crate depending on it,
//!   finds it without an rpath or `LD_LIBRARY_PATH`. (Its own RUNPATH finds the Swift
//!   runtime.)

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rustc-check-cfg=cfg(feature, values(\"has-libinterpret\"))");
    println!("cargo:rerun-if-env-changed=WASM_SPEC_PACKAGE");
    println!("cargo:rerun-if-env-changed=WASM_SPEC_SWIFT_CONFIG");
    println!("cargo:rerun-if-env-changed=SWIFT");

    let package = package_root();
    for dir in ["Sources", "Package.swift"] {
        println!("cargo:rerun-if-changed={}", package.join(dir).display());
    }
    let config = env::var("WASM_SPEC_SWIFT_CONFIG").unwrap_or_else(|_| {
        if env::var("PROFILE").as_deref() == Ok("release") { "release".into() } else { "debug".into() }
    });
    let scratch = package.join(".build-rust");
    let swift = swift();
    let bin = scratch.join(&config);
    let soname = bin.join("libCWasmSpec.so");

    let mut build = Command::new(&swift);
    build
        .current_dir(&package)
        .args(["build", "--product", "CWasmSpec", "-c", &config, "--scratch-path"])
        .arg(&scratch)
        .args(["-Xlinker", "-soname", "-Xlinker"])
        .arg(&soname);
    let status = build
        .status()
        .unwrap_or_else(|e| panic!("cannot run `{}` to build the Swift library: {e}", swift.display()));
    assert!(status.success(), "`swift build --product CWasmSpec` failed in {}", package.display());
    assert!(soname.exists(), "swift build did not produce {}", soname.display());

    println!("cargo:rustc-link-search=native={}", bin.display());
    println!("cargo:rustc-link-lib=dylib=CWasmSpec");
    println!("cargo:library={}", soname.display());
    println!("cargo:rustc-cfg=feature=\"has-libinterpret\"");
}

/// The Swift package root: `WASM_SPEC_PACKAGE`, or the nearest folder above the crate
/// holding a `Package.swift`.
fn package_root() -> PathBuf {
    if let Ok(p) = env::var("WASM_SPEC_PACKAGE") {
        return PathBuf::from(p);
    }
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let mut dir: Option<&Path> = manifest.parent();
    while let Some(d) = dir {
        if d.join("Package.swift").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    panic!("no Package.swift above {}; set WASM_SPEC_PACKAGE", manifest.display());
}

/// The `swift` driver to run.
fn swift() -> PathBuf {
    if let Ok(s) = env::var("SWIFT") {
        return PathBuf::from(s);
    }
    if let Some(paths) = env::var_os("PATH") {
        for dir in env::split_paths(&paths) {
            let candidate = dir.join("swift");
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    PathBuf::from("/opt/swift/usr/bin/swift")
}
