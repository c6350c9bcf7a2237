using System.Diagnostics;
using System.Formats.Tar;
using PetStore.Cedar;

namespace PetStore.Policies.Planning;

/// <summary>
/// The policies a plan compares with: a folder (a cedar/ folder, or one holding it), or the cedar/ folder of a git
/// commit, extracted to a temporary folder that disposing deletes. Without either, the merge base of HEAD and main.
/// </summary>
public sealed class PlanBase : IDisposable
{
    private readonly string? _temporary;

    private PlanBase(string directory, string name, string? temporary) => (Directory, Name, _temporary) = (directory, name, temporary);

    /// <summary>The base's cedar/ folder.</summary>
    public string Directory { get; }

    /// <summary>How the plan names it: the folder, or the reference and its commit.</summary>
    public string Name { get; }

    /// <exception cref="InvalidDataException">The base is neither a folder with policies nor a commit with a cedar/ folder.</exception>
    public static PlanBase Resolve(string? given, string repositoryRoot)
    {
        if (given is not null && System.IO.Directory.Exists(given)) return new PlanBase(CedarFolder(given, "--base"), given, null);
        var reference = given ?? Git(repositoryRoot, "merge-base", "HEAD", "main") switch
        {
            { Ok: true } found => found.Text.Trim(),
            _ => throw new InvalidDataException("No --base given, and HEAD has no merge base with a branch main: pass --base <git ref or folder>."),
        };
        var commit = Git(repositoryRoot, "rev-parse", "--verify", "--quiet", $"{reference}^{{commit}}") is { Ok: true } resolved ? resolved.Text.Trim()
            : throw new InvalidDataException($"--base: '{reference}' is neither a folder nor a commit of the repository at {repositoryRoot}.");
        var temporary = System.IO.Directory.CreateTempSubdirectory("petstore-plan-base-").FullName;
        try
        {
            var archive = Git(repositoryRoot, "archive", "--format=tar", commit, "cedar");
            if (!archive.Ok) throw new InvalidDataException($"--base: commit {commit[..10]} has no cedar/ folder ({archive.Error.Trim()}).");
            TarFile.ExtractToDirectory(new MemoryStream(archive.Bytes), temporary, overwriteFiles: true);
            return new PlanBase(Path.Combine(temporary, "cedar"), given is null ? $"the merge base with main (commit {commit[..10]})" : $"{given} (commit {commit[..10]})", temporary);
        }
        catch
        {
            System.IO.Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    /// <summary>A cedar/ folder, or a folder holding one.</summary>
    /// <exception cref="InvalidDataException">Neither holds the schema.</exception>
    public static string CedarFolder(string given, string option)
    {
        var cedar = File.Exists(Path.Combine(given, PolicyStoreFiles.HumanSchemaFile)) ? given : Path.Combine(given, "cedar");
        return File.Exists(Path.Combine(cedar, PolicyStoreFiles.HumanSchemaFile)) ? Path.GetFullPath(cedar)
            : throw new InvalidDataException($"{option}: the folder '{given}' holds no {PolicyStoreFiles.HumanSchemaFile}, nor a cedar/ folder that does.");
    }

    public void Dispose()
    {
        if (_temporary is not null && System.IO.Directory.Exists(_temporary)) System.IO.Directory.Delete(_temporary, recursive: true);
    }

    private sealed record GitAnswer(bool Ok, byte[] Bytes, string Error)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes);
    }

    private static GitAnswer Git(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            return new GitAnswer(process.ExitCode == 0, output.ToArray(), error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidDataException($"git could not be run ({e.Message}): pass --base <folder> instead of a git reference.");
        }
    }
}
