/// Names and words the generator draws from: a realistic mix for English
/// schools, including accented names, names written in CJK characters and
/// names with apostrophes, so every screen meets them.
enum NameBank {
    static let girls = [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Willow",
        "Freya",
        "Florence", "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Evelyn", "Sienna", "Sofia", "Daisy",
        "Phoebe",
        "Aisha", "Fatima", "Maryam", "Zara", "Hafsa", "Amira", "Priya", "Ananya", "Chloé", "Zoë", "Siân", "Niamh",
        "Aoife",
        "Maja", "Zuzanna", "Hanna", "Oliwia", "Amara", "Chiamaka", "Adaeze", "Mei", "Yuki", "Leah", "Hannah", "Ruby",
    ]
    static let boys = [
        "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore",
        "Freddie",
        "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas", "Finley", "Arlo", "William", "Isaac", "Lucas", "Edward",
        "Ibrahim", "Yusuf", "Omar", "Ayaan", "Arjun", "Rohan", "Kwame", "Tobi", "Chidi", "Jakub", "Szymon", "Łukasz",
        "Mateusz", "José", "Rhys", "Dylan", "Cian", "Oisín", "Ben", "Samuel", "Joseph", "Daniel", "Kai", "Hiroshi",
        "Wei",
    ]
    static let adultWomen = [
        "Sarah", "Emma", "Rachel", "Claire", "Laura", "Helen", "Nicola", "Louise", "Kelly", "Joanne", "Gemma",
        "Victoria",
        "Amanda", "Lisa", "Michelle", "Nadia", "Samira", "Shabana", "Anita", "Sunita", "Agnieszka", "Katarzyna",
        "Ngozi",
        "Funmi", "Liz", "Catherine", "Rebecca", "Jennifer", "Siobhán", "Renée",
    ]
    static let adultMen = [
        "David", "Mark", "Paul", "Andrew", "James", "Richard", "Daniel", "Christopher", "Stephen", "Michael", "Matthew",
        "Gareth", "Simon", "Neil", "Imran", "Tariq", "Asif", "Rajesh", "Sanjay", "Piotr", "Tomasz", "Emeka", "Femi",
        "John", "Robert", "Anthony", "Kevin", "Gavin", "Seán", "Jérôme",
    ]
    static let surnames = [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Ahmed",
        "Hussain", "Ali", "Begum", "Singh", "Kaur", "Shah", "Nowak", "Kowalski", "Wiśniewska", "Okafor", "Adeyemi",
        "Mensah", "O'Brien", "O'Connor", "D'Souza", "Mc'Kay", "Murphy", "Kelly", "Hughes", "Edwards", "Lewis", "Harris",
        "Martin", "Cooper", "King", "Baker", "Hill", "Moore", "Clark", "Lee", "Chen", "Nguyen", "Abbot", "Fernández",
        "Müller", "Dubois", "Lefèvre",
    ]
    /// Families written in Chinese characters (surname, a boy's and a girl's forename, parents).
    static let cjkFamilies: [(surname: String, boy: String, girl: String, mother: String, father: String)] = [
        ("王", "小明", "小红", "丽", "伟"),
        ("李", "浩然", "雨涵", "娜", "强"),
        ("张", "子轩", "欣怡", "敏", "磊"),
    ]
    static let places = [
        "Abbey", "Riverside", "Oakwood", "Hillcrest", "Meadowbank", "Kingsway", "St Mary's", "St John's", "Northfield",
        "Southgate", "Westbury", "Ashford", "Elmhurst", "Brookfield", "Fairfield", "Highgate", "Larchwood", "Millbrook",
        "Oldfield", "Parkside", "Queensbridge", "Redhill", "Stonebridge", "Thornbury", "Valley", "Whitecross",
        "Woodlands",
        "Beacon", "Castle", "Cathedral", "Chestnut", "Clifton", "Danesfield", "Eastwood", "Foxhill", "Greenway",
        "Harbour",
        "Ivybridge", "Juniper", "Kestrel", "Lakeside", "Marlow", "Newport", "Orchard", "Pinewood", "Rosehill",
        "Sandhurst",
        "Trinity", "Upton", "Victoria", "Willowbrook", "Yarrow",
    ]
    static let towns = [
        "Chigwell", "Leeds", "Bristol", "Norwich", "York", "Derby", "Exeter", "Reading", "Luton", "Stockport", "Bolton",
        "Swindon", "Ipswich", "Preston", "Oxford", "Cambridge", "Leicester", "Coventry", "Sheffield", "Hull",
    ]
    static let streets = [
        "High Road", "Church Lane", "School Lane", "Station Road", "Park Avenue", "Mill Street", "London Road",
        "Green Lane",
    ]
    static let secondarySubjects = [
        "Maths", "English", "Science", "History", "Geography", "French", "Spanish", "Computing", "Art", "Music", "PE",
        "RE", "Drama", "D&T",
    ]
    static let primarySubjects = [
        "Maths", "English", "Phonics", "Science", "Topic", "Art", "Music", "PE", "RE", "Computing",
    ]
    static let staffTitles = ["Mr", "Mrs", "Ms", "Miss", "Dr"]
}
