namespace PetStore.Lambdas.ApiGateway;

/// <summary>The outcome of checking client input: a value, or the message a 400 response carries.</summary>
public readonly record struct Validated<T>
{
    private Validated(T? value, string? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public string? Error { get; }
    public bool IsValid => Error is null;

    public static Validated<T> Ok(T value) => new(value, null);
    public static Validated<T> Fail(string error) => new(default, error);
}
