// Common given and family names in the Sandžak region (Novi Pazar, Tutin, Sjenica), for demo data only.
export const girlsNames = ['Amina', 'Lejla', 'Emina', 'Sara', 'Ajla', 'Merjem', 'Nejla', 'Dženana', 'Ana', 'Milica', 'Jovana', 'Elma', 'Selma', 'Hana', 'Jelena', 'Azra', 'Lamija', 'Ilma'];
export const boysNames = ['Amar', 'Emir', 'Harun', 'Tarik', 'Adnan', 'Kenan', 'Luka', 'Stefan', 'Nikola', 'Dženan', 'Ahmed', 'Faruk', 'Edin', 'Mirza', 'Marko', 'Vedad', 'Almir', 'Senad'];
export const familyNames = ['Hodžić', 'Mujović', 'Kurtović', 'Ljajić', 'Fetahović', 'Đerlek', 'Šabotić', 'Hamidović', 'Gegić', 'Jovanović', 'Petrović', 'Ćorović', 'Zornić', 'Bihorac', 'Muminović', 'Mehmedović', 'Nikolić', 'Halilović', 'Rastoder', 'Kačar'];
export const volunteerActivities = ['homework club', 'art workshop assistance', 'sports afternoon', 'reading hour', 'translation for families', 'event preparation', 'parents meeting support'];
export const workshopTitles: Record<string, readonly string[]> = {
  PSYCHOSOCIAL: ['Feelings and friendship', 'Drawing our neighbourhood', 'Play and trust', 'Stories we share'],
  SCHOOL_SUPPORT: ['Serbian language support', 'Maths homework club', 'Reading together', 'Exam preparation'],
  INCLUSIVE: ['Good neighbours club', 'Music for everyone', 'Football and fair play', 'Crafts afternoon'],
  PARENTING: ['Parents and school', 'Talking with teenagers', 'Early childhood care'],
  BUSINESS_TRAINING: ['Starting a small business', 'Bookkeeping basics'],
  VOCATIONAL_TRAINING: ['Hairdressing course', 'IT basics', 'Tailoring course'],
  OTHER: ['Open day'],
};
export const culturalEventTitles = ['Bajram and Christmas neighbourhood fair', 'Children\'s theatre', 'Photo exhibition: our street', 'Folk music evening', 'Film afternoon', 'Spring festival'];
