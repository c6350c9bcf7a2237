namespace PetStore.Contract;

/// <summary>The Cognito user groups the API knows. Registration through the API puts a user in <see cref="Customers"/>.</summary>
public static class Groups
{
    public const string Customers = "customers";
    public const string Employees = "employees";
    public const string Owners = "owners";

    public static readonly IReadOnlyList<string> All = [Customers, Employees, Owners];
}
