namespace PetStore.Tenants;

/// <summary>
/// What one command has changed so far, each with the step that reverses it, undone in reverse order when a later step
/// fails. Each reversal runs with <see cref="CancellationToken.None"/> (the client's own timeout bounds it): a run that
/// failed because a call timed out must still clean up after itself.
/// </summary>
public sealed class UndoLog(TextWriter output)
{
    private readonly Stack<(string What, Func<CancellationToken, Task> Action)> _steps = new();

    public void Push(string what, Func<CancellationToken, Task> undo) => _steps.Push((what, undo));

    /// <summary>Undoes every step, and says what it did: the steps undone, and the ones it could not undo (named, for a rerun or a person).</summary>
    public async Task UndoAsync()
    {
        if (_steps.Count == 0)
        {
            output.WriteLine("Nothing had been changed yet.");
            return;
        }
        var failed = new List<string>();
        while (_steps.TryPop(out var step))
        {
            try
            {
                await step.Action(CancellationToken.None);
                output.WriteLine($"  undone: {step.What}");
            }
            catch (Exception e)
            {
                failed.Add(step.What);
                output.WriteLine($"  could not undo ({step.What}): {e.Message}");
            }
        }
        output.WriteLine(failed.Count == 0
            ? "What this run changed is undone; rerun the command."
            : $"Not undone: {string.Join("; ", failed)}. Rerun the command, which resumes from what exists.");
    }
}
