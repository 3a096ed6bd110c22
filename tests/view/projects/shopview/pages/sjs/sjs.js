Page({ data: { price: 3.5, person: { label: 'Name', value: 'Ann' } } });
