namespace PetStore.Testing;

/// <summary>
/// The cedar/ folder the tests deploy: the repository's schema with the policies pinned in tests/policies (today's
/// policies when they were pinned), so that what the tests check of the mechanisms (caching, provenance, snapshots,
/// local mode) stays put while authors edit cedar/policies. The authors' policies are checked by their decision cases
/// and the plan.
/// </summary>
public static class TestCedar
{
    /// <summary>Where the pinned policies are, from the repository root.</summary>
    public static readonly string PoliciesFolder = Path.Combine("tests", "policies");

    /// <summary>Writes the folder into <paramref name="parent"/><c>/cedar</c> (a new temporary folder if none) and returns its path.</summary>
    public static string Copy(string repositoryRoot, string? parent = null)
    {
        var cedar = Path.Combine(parent ?? Directory.CreateTempSubdirectory("test-cedar-").FullName, "cedar");
        var live = Path.Combine(repositoryRoot, "cedar");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(live, "schema"), "*", SearchOption.AllDirectories))
            CopyFile(file, Path.Combine(cedar, Path.GetRelativePath(live, file)));
        var pinned = Path.Combine(repositoryRoot, PoliciesFolder);
        foreach (var file in Directory.EnumerateFiles(pinned, "*.cedar", SearchOption.AllDirectories))
            CopyFile(file, Path.Combine(cedar, "policies", Path.GetRelativePath(pinned, file)));
        return cedar;
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
