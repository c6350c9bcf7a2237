using PetStore.Tenants;

return await TenantsCommand.RunAsync(args, Console.Out, Console.Error);
