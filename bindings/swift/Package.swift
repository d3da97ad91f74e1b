// swift-tools-version:6.0
//
// MemberCore: the Swift (iOS) binding of libmembercore.
//
// Two targets:
//   CMemberCore - the C API as a Clang module (the umbrella header membercore/membercore.h);
//   MemberCore  - the Swift API over it (final class MemberCore, async calls, AsyncStream).
//
// Where the C library comes from:
//   - Linux (tests, CI): the meson build. CMemberCore is a system library target whose module
//     map says `link "membercore"`; scripts/test-swift.sh passes the header and library paths
//     (-Xcc -I<root>/core/include -Xlinker -L<build>/core -Xlinker -rpath ...).
//   - Apple platforms: bindings/swift/scripts/build-xcframework.sh writes
//     MemberCoreC.xcframework next to this file; when it exists, CMemberCore is that binary
//     target instead (static libraries + headers + the same module map). SQLite is the
//     system's (libsqlite3 of the SDK), not a copy inside the xcframework. For a release,
//     scripts/package-xcframework.sh zips it and prints the `binaryTarget(url:checksum:)`
//     (README.md, "Distributing the XCFramework").
// The privacy manifest, PrivacyInfo.xcprivacy, is a resource of MemberCore (on Linux too).
// The package has no dependencies: nothing is fetched.
import Foundation
import PackageDescription

let xcframework = "MemberCoreC.xcframework"
let haveXCFramework = FileManager.default.fileExists(
    atPath: Context.packageDirectory + "/" + xcframework)

let cTarget: Target =
    haveXCFramework
    ? .binaryTarget(name: "CMemberCore", path: xcframework)
    : .systemLibrary(name: "CMemberCore", path: "Sources/CMemberCore")

let package = Package(
    name: "MemberCore",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "MemberCore", targets: ["MemberCore"])
    ],
    targets: [
        cTarget,
        .target(
            name: "MemberCore",
            dependencies: ["CMemberCore"],
            resources: [.copy("PrivacyInfo.xcprivacy")],
            linkerSettings: [
                // What the static library in the xcframework (core, cJSON, mbedTLS,
                // libqrencode, curl over Secure Transport) needs from the SDK: SQLite is
                // the system's.
                .linkedLibrary("sqlite3", .when(platforms: [.iOS, .macOS])),
                .linkedLibrary("z", .when(platforms: [.iOS, .macOS])),
                .linkedFramework("CoreFoundation", .when(platforms: [.iOS, .macOS])),
                .linkedFramework("Security", .when(platforms: [.iOS, .macOS])),
                .linkedFramework("SystemConfiguration", .when(platforms: [.iOS, .macOS])),
            ]),
        .testTarget(
            name: "MemberCoreTests",
            dependencies: ["MemberCore"]),
    ]
)
