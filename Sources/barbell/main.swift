print("barbell")
