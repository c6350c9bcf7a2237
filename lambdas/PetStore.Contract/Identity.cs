namespace PetStore.Contract;

/// <summary>The Cognito user groups the API knows. Registration through the API puts a user in <see cref="Customers"/>.</summary>
public static class Groups
{
    public const string Customers = "customers";
    public const string Employees = "employees";
    public const string Owners = "owners";

    public static readonly IReadOnlyList<string> All = [Customers, Employees, Owners];
}

/// <summary>The OAuth scope that marks an access token as one for this API.</summary>
public static class ApiScope
{
    public const string ResourceServerIdentifier = "petstore";
    public const string Name = "api";
    public const string FullName = ResourceServerIdentifier + "/" + Name;
}
