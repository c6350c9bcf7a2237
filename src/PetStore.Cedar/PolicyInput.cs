using PetStore.Contract;

namespace PetStore.Cedar;

/// <summary>Policy <paramref name="Policy"/> reads <paramref name="Input"/> on <paramref name="Route"/>.</summary>
public sealed record PolicyInput(Route Route, RequestInput Input, CedarPolicy Policy)
{
    public override string ToString() => $"{Policy.Id} ({Policy.File}:{Policy.Line}) reads {Input}";
}
