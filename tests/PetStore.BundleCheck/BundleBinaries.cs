using System.Reflection.PortableExecutable;

namespace PetStore.BundleCheck;

/// <summary>What a bundle holds for its architecture: native ELF files and ReadyToRun (precompiled) .NET images.</summary>
/// <param name="WrongArchitecture">Files with machine code for another architecture than the function's.</param>
public sealed record BundleBinaries(int ElfFiles, int PrecompiledImages, IReadOnlyList<string> WrongArchitecture)
{
    // ReadyToRun images on Linux mark their machine XOR'd with this value (the runtime's IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE).
    private const ushort LinuxOverride = 0x7B79;
    private const ushort IlOnly = (ushort)Machine.I386;

    /// <summary>
    /// Reads every file's header: an ELF file's e_machine, a PE file's COFF machine (IL-only images run anywhere).
    /// Running the function catches what it loads (a foreign ReadyToRun image fails with BadImageFormatException);
    /// this catches the rest of the bundle too, such as a native library only another code path would load.
    /// </summary>
    public static BundleBinaries Read(string bundle, string lambdaArchitecture)
    {
        var (elfMachine, peMachine) = lambdaArchitecture == "arm64" ? ((ushort)183, (ushort)(0xAA64 ^ LinuxOverride)) : ((ushort)62, (ushort)(0x8664 ^ LinuxOverride));
        int elf = 0, precompiled = 0;
        var wrong = new List<string>();
        Span<byte> header = stackalloc byte[20];
        foreach (var file in Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(bundle, file);
            using var stream = File.OpenRead(file);
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length) continue;
            if (header[..4].SequenceEqual("\u007fELF"u8))
            {
                elf++;
                var machine = BitConverter.ToUInt16(header[18..20]);
                if (machine != elfMachine) wrong.Add($"{relative} (ELF machine {machine})");
            }
            else if (header[..2].SequenceEqual("MZ"u8))
            {
                stream.Position = 0;
                using var pe = new PEReader(stream);
                var machine = (ushort)pe.PEHeaders.CoffHeader.Machine;
                if (machine == IlOnly) continue;
                if (machine == peMachine) precompiled++;
                else wrong.Add($"{relative} (PE machine 0x{machine:X4})");
            }
        }
        return new BundleBinaries(elf, precompiled, wrong);
    }
}
