namespace PetStore.BundleCheck;

/// <summary>Each check's outcome, one line each as it happens, and the count at the end.</summary>
public sealed class CheckReport(TextWriter output)
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }

    public bool Check(string name, bool passed, string detail)
    {
        if (passed) Passed++;
        else Failed++;
        output.WriteLine($"  {(passed ? "PASS" : "FAIL")}  {name}: {detail}");
        return passed;
    }

    public void Section(string title) => output.WriteLine($"-- {title}");

    /// <summary>An answer cut to a readable length for a report line.</summary>
    public static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
