namespace PetStore.Contract;

/// <summary>Where a pet is in being sold, as the API and the policies spell it (<see cref="PetStatuses"/>).</summary>
public enum PetStatus
{
    Available,
    Pending,
    Sold,
}

/// <summary>The spellings of <see cref="PetStatus"/> on the wire, in the table and in Cedar: <c>available</c>, <c>pending</c>, <c>sold</c>.</summary>
public static class PetStatuses
{
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<PetStatus>().Select(Spell)];

    public static string Spell(PetStatus status) => status.ToString().ToLowerInvariant();

    public static PetStatus? Read(string? text) => Enum.GetValues<PetStatus>().Cast<PetStatus?>().FirstOrDefault(s => Spell(s!.Value) == text);
}
