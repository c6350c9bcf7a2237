using System.Runtime.InteropServices;

namespace PetStore.BundleCheck;

/// <summary>
/// How this machine runs code built for a Lambda architecture: natively when it is the machine's own, else under
/// qemu-user with that architecture's Debian libc and OpenSSL (multiarch, e.g. <c>libc6:arm64 libssl3:arm64</c>),
/// which the .NET runtime loads as Amazon Linux's would be.
/// </summary>
/// <param name="Launcher">What to put before the program: nothing, or the qemu-user binary.</param>
/// <param name="LibraryDirectory">Where the target architecture's shared libraries (libcrypto.so.3) are.</param>
public sealed record Platform(string LambdaArchitecture, string RuntimeIdentifier, IReadOnlyList<string> Launcher, string LibraryDirectory)
{
    public bool Emulated => Launcher.Count > 0;

    public static Platform For(string lambdaArchitecture)
    {
        var (rid, cpu, qemu, triplet, loader) = lambdaArchitecture switch
        {
            "arm64" => ("linux-arm64", Architecture.Arm64, "qemu-aarch64", "aarch64-linux-gnu", "/lib/ld-linux-aarch64.so.1"),
            "x86_64" => ("linux-x64", Architecture.X64, "qemu-x86_64", "x86_64-linux-gnu", "/lib64/ld-linux-x86-64.so.2"),
            _ => throw new BundleCheckException($"Lambda architecture '{lambdaArchitecture}' is not one this check knows (arm64, x86_64)."),
        };
        var prefix = Environment.GetEnvironmentVariable("QEMU_LD_PREFIX") ?? "/";
        var libraries = Path.Combine(prefix, "usr", "lib", triplet);
        if (RuntimeInformation.OSArchitecture == cpu) return new Platform(lambdaArchitecture, rid, [], libraries);

        var install = $"install it with: dpkg --add-architecture {Debian(cpu)} && apt-get update && " +
                      $"apt-get install qemu-user libc6:{Debian(cpu)} libssl3:{Debian(cpu)}";
        var emulator = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, qemu)).FirstOrDefault(File.Exists)
            ?? throw new BundleCheckException($"{lambdaArchitecture} code needs {qemu} (qemu-user) on this {RuntimeInformation.OSArchitecture} machine; {install}");
        if (!File.Exists(Path.Combine(prefix, loader.TrimStart('/'))))
            throw new BundleCheckException($"{lambdaArchitecture} code needs its C library ({Path.Combine(prefix, loader.TrimStart('/'))} is missing); {install}");
        if (!File.Exists(Path.Combine(libraries, "libssl.so.3")))
            throw new BundleCheckException($"{lambdaArchitecture} code needs OpenSSL 3 for {lambdaArchitecture} ({Path.Combine(libraries, "libssl.so.3")} is missing); {install}");
        return new Platform(lambdaArchitecture, rid, [emulator], libraries);
    }

    private static string Debian(Architecture cpu) => cpu == Architecture.Arm64 ? "arm64" : "amd64";

    public override string ToString() => Emulated ? $"{LambdaArchitecture}, emulated by {Path.GetFileName(Launcher[0])}" : $"{LambdaArchitecture}, native";
}
